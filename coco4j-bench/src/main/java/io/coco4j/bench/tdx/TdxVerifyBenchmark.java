package io.coco4j.bench.tdx;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.crypto.Primitive;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.QuoteSignatureData;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.dcap.CollateralBundle;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.DcapVerification;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TcbUpdateType;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.tdx.TdxEvidence;
import io.coco4j.verifier.tdx.TdxVerifier;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
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

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One real TDX quote (dcap-qvl's sample, with its offline collateral, at its validation time)
 * verified with the PCK chain and the collateral cached, against the floor: the two ECDSA P-256
 * verifications no cache can remove (the quote by the attestation key, the QE report by the PCK
 * key), on the provider the crypto facade picks. The gap is what the verifier adds per quote:
 * parsing, the QE binding hash, the key decoding, cache lookups, revocation, TCB level selection,
 * and for the evidence benchmark base64 and the claims.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TdxVerifyBenchmark {

    private DcapQuoteVerifier dcap;
    private TdxVerifier verifier;
    private byte[] quote;
    private JsonNode evidence;
    private Expectation expectation;

    private PublicKey attestationKey;
    private PublicKey pckKey;
    private byte[] signedBytes;
    private byte[] quoteSignature;
    private byte[] qeReport;
    private byte[] qeReportSignature;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path vectors = TdxVectors.dir();
        quote = Files.readAllBytes(vectors.resolve("tdx/dcap-qvl/tdx_quote"));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1752919234), ZoneOffset.UTC);
        dcap = new DcapQuoteVerifier(TrustedRootCa.intel(),
                new CollateralBundle(vectors.resolve("tdx/dcap-qvl/tdx_quote_collateral.json"), TcbUpdateType.EARLY),
                TcbStatus.referenceAccepted(), Duration.ofDays(1), clock);
        verifier = new TdxVerifier(dcap);
        DcapQuote parsed = DcapQuote.parse(quote);
        evidence = TdxEvidence.toJson(quote, Optional.empty());
        expectation = Expectation.of(parsed.body().reportData(), null);

        QuoteSignatureData signature = parsed.signatureData();
        attestationKey = p256(signature.attestationKey());
        signedBytes = parsed.signedBytes();
        quoteSignature = der(signature.quoteSignature());
        qeReport = signature.qeCertification().qeReport().bytes();
        qeReportSignature = der(signature.qeCertification().qeReportSignature());
        String pem = new String(signature.qeCertification().certificationData().data(), java.nio.charset.StandardCharsets.US_ASCII);
        String leaf = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END CERTIFICATE-----"));
        // both keys as objects of the facade's P-256 provider: the cheapest verification there is
        pckKey = CryptoProviders.get().ecKeyFactory(Primitive.EC_P256).generatePublic(new X509EncodedKeySpec(
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(leaf)))
                        .getPublicKey().getEncoded()));
        if (!floor() || verifyQuote().tcbStatus() != TcbStatus.UP_TO_DATE || verifyEvidence().isEmpty()) {
            throw new IllegalStateException("the benchmark quote does not verify");
        }
    }

    /** DCAP verification of the raw quote (signatures, cached chain and collateral, revocation, TCB status). */
    @Benchmark
    public DcapVerification verifyQuote() throws Exception {
        return dcap.verify(quote);
    }

    /** The whole {@code tdx} verifier on the evidence JSON a guest sends, claims included. */
    @Benchmark
    public List<VerifiedClaims> verifyEvidence() throws Exception {
        return verifier.evaluate(evidence, expectation);
    }

    /** The floor: the two P-256 verifications, keys decoded (as provider-native keys) and signatures DER-encoded beforehand. */
    @Benchmark
    public boolean floor() throws Exception {
        Signature quoteCheck = CryptoProviders.get().signature("SHA256withECDSA", attestationKey);
        quoteCheck.initVerify(attestationKey);
        quoteCheck.update(signedBytes);
        Signature qeCheck = CryptoProviders.get().signature("SHA256withECDSA", pckKey);
        qeCheck.initVerify(pckKey);
        qeCheck.update(qeReport);
        return quoteCheck.verify(quoteSignature) & qeCheck.verify(qeReportSignature);
    }

    private static PublicKey p256(byte[] xy) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOf(xy, 32)), new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
        return CryptoProviders.get().ecKeyFactory(Primitive.EC_P256)
                .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static byte[] der(byte[] raw) throws Exception {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOf(raw, 32))));
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 32, 64))));
        return new DERSequence(v).getEncoded();
    }
}
