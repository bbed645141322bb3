package io.coco4j.bench.snp;

import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.verifier.snp.SnpCertificates;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;

/** The SNP report signature (ECDSA P-384/SHA-384 over 0x2A0 bytes) on each candidate provider, for the facade's P-384 choice. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SnpSignatureProviderBenchmark {

    @Param({"SunEC", "BC", "Conscrypt"})
    public String provider;

    private Provider jca;
    private PublicKey vek;
    private byte[] signedBytes;
    private byte[] derSignature;

    @Setup
    public void setup() throws Exception {
        jca = switch (provider) {
            case "BC" -> new BouncyCastleProvider();
            case "Conscrypt" -> org.conscrypt.Conscrypt.newProvider();
            default -> java.security.Security.getProvider("SunEC");
        };
        SnpEvidence evidence = SnpEvidence.parse(Json.readTree(Files.readAllBytes(SnpVectors.dir().resolve("snp/trustee/e2e-evidence.json"))));
        SnpReport report = evidence.report();
        byte[] vekDer = evidence.certChain().orElseThrow().get(0).data();
        byte[] spki = SnpCertificates.readOne(vekDer).getPublicKey().getEncoded();
        vek = KeyFactory.getInstance("EC", jca).generatePublic(new X509EncodedKeySpec(spki));
        signedBytes = report.signedBytes();
        derSignature = report.signature().toDer();
        if (!verify()) {
            throw new IllegalStateException(provider + " does not verify the report");
        }
    }

    @Benchmark
    public boolean verify() throws Exception {
        // A fresh engine per report, as the verifier does.
        Signature engine = Signature.getInstance("SHA384withECDSA", jca);
        engine.initVerify(vek);
        engine.update(signedBytes);
        return engine.verify(derSignature);
    }
}
