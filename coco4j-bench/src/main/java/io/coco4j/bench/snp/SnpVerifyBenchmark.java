package io.coco4j.bench.snp;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.snp.CollateralDirectory;
import io.coco4j.verifier.snp.SnpCertificates;
import io.coco4j.verifier.snp.SnpReportVerifier;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.VekType;
import io.coco4j.verifier.snp.VerifiedChain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real SNP report (Trustee's Genoa e2e evidence) verified with a cached chain, against a raw
 * P-384 {@code Signature.verify} of the same bytes on the provider the crypto facade picks. The
 * gap between them is everything the verifier adds per report: JSON parsing and re-encoding, the
 * chain-cache lookup, validity, chip/TCB and binding checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SnpVerifyBenchmark {

    private SnpVerifier verifier;
    private SnpReportVerifier reports;
    private JsonNode evidenceJson;
    private SnpEvidence evidence;
    private Expectation expectation;
    private PublicKey vek;
    private byte[] signedBytes;
    private byte[] derSignature;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path vectors = SnpVectors.dir();
        Path collateral = Files.createTempDirectory("snp-bench");
        List<X509Certificate> genoa = SnpCertificates.readAll(Files.readAllBytes(vectors.resolve("snp/amd-roots/genoa_ask_ark_asvk.pem")));
        Path chain = CollateralDirectory.certChainPath(collateral, SnpProduct.GENOA, VekType.VCEK);
        Files.createDirectories(chain.getParent());
        Files.writeString(chain, SnpCertificates.toPem(List.of(genoa.get(0), genoa.get(1))));

        Clock clock = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
        reports = new SnpReportVerifier(SnpVerifierSettings.defaults().withCollateralDirectory(collateral), clock);
        verifier = new SnpVerifier(reports);
        evidenceJson = Json.readTree(Files.readAllBytes(vectors.resolve("snp/trustee/e2e-evidence.json")));
        evidence = SnpEvidence.parse(evidenceJson);
        SnpReport report = evidence.report();
        expectation = Expectation.of(report.reportData(), null);
        VerifiedChain verified = reports.verify(report, evidence.certChain().orElseThrow());
        vek = verified.vekKey();
        signedBytes = report.signedBytes();
        derSignature = report.signature().toDer();
        if (!rawVerify() || verifyEvidence().isEmpty()) {
            throw new IllegalStateException("the benchmark report does not verify");
        }
    }

    /** The whole {@code snp} verifier on the evidence JSON a guest sends (chain cached after the first call). */
    @Benchmark
    public List<VerifiedClaims> verifyEvidence() throws Exception {
        return verifier.evaluate(evidenceJson, expectation);
    }

    /** The report checks alone, on an already parsed report (no JSON work). */
    @Benchmark
    public VerifiedChain verifyParsedReport() throws Exception {
        return reports.verify(evidence.report(), evidence.certChain().orElseThrow());
    }

    /** The floor: one ECDSA P-384/SHA-384 verification on the facade's provider. */
    @Benchmark
    public boolean rawVerify() throws Exception {
        Signature s = CryptoProviders.get().signature("SHA384withECDSA", vek);
        s.initVerify(vek);
        s.update(signedBytes);
        return s.verify(derSignature);
    }
}
