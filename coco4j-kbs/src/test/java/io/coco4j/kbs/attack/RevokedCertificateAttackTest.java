package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;
import io.coco4j.verifier.snp.VekType;
import io.coco4j.verifier.tdx.TdxVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor revokes a compromised key: AMD lists the ASK in the ARK's CRL, Intel lists a platform's
 * PCK certificate in the PCK CRL. Evidence still chaining through the revoked certificate, however
 * well signed, gets no token from a KBS whose collateral directory holds the CRL; with a CRL that
 * lists nothing else the same evidence passes.
 * (Verifier level: {@code io.coco4j.verifier.snp.RevokedCertificateAttackTest}, {@code io.coco4j.verifier.attacks.RevokedPckAttackTest}.)
 */
class RevokedCertificateAttackTest {

    private static final int[] COMPONENTS = {3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    Path dir;

    @TempDir
    Path other;

    private static HttpResponse<byte[]> attest(TestKbs kbs, String tee, Function<TestKbs.Guest, ObjectNode> evidence) throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(guest.auth(tee).statusCode()).isEqualTo(200);
        return guest.attest(evidence.apply(guest));
    }

    /** A KBS whose SNP verifier pins {@code platform}'s root and reads its data directory's collateral, with the ARK's CRL listing {@code revoked}. */
    private static TestKbs snpKbs(Path data, TestSnpPlatform platform, X509Certificate... revoked) throws Exception {
        Path collateral = data.resolve("collateral").resolve("snp");
        Path crl = io.coco4j.verifier.snp.CollateralDirectory.crlPath(collateral, platform.product(), VekType.VCEK);
        Files.createDirectories(crl.getParent());
        Files.write(crl, platform.crlRevoking(revoked).getEncoded());
        SnpVerifierSettings settings = SnpVerifierSettings.defaults().withArkPins(platform.pins()).withCollateralDirectory(collateral);
        return TestKbs.start(data, ServerMode.DEVELOPMENT, VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT)
                .add(SnpVerifier.create(settings, Clock.systemUTC())).build());
    }

    @Test
    void snpEvidenceThroughARevokedAskIsRefused() throws Exception {
        TestSnpPlatform platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        Function<TestKbs.Guest, ObjectNode> evidence = guest -> HardwareGuests.snp(guest, vcek);
        try (TestKbs kbs = snpKbs(dir, platform, platform.ask())) {
            assertThat(assertRefused(attest(kbs, "snp", evidence), 401, "AttestationError").get("detail").asText()).contains("revoked");
        }
        try (TestKbs control = snpKbs(other, platform)) {
            assertThat(attest(control, "snp", evidence).statusCode()).as("control").isEqualTo(200);
        }
    }

    /** A KBS whose TDX verifier pins {@code pki}'s root and reads its data directory's collateral, with the PCK CRL listing {@code revoked}. */
    private static TestKbs tdxKbs(Path data, TestDcapPki pki, TestPlatform platform, BigInteger... revoked) throws Exception {
        Instant now = Instant.now();
        Path collateral = data.resolve("collateral").resolve("intel");
        pki.writeTdxCollateral(collateral, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)), revoked);
        DcapQuoteVerifier dcap = new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(collateral), TcbStatus.referenceAccepted(),
                Duration.ofMinutes(10), Clock.systemUTC());
        return TestKbs.start(data, ServerMode.DEVELOPMENT, VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(new TdxVerifier(dcap)).build());
    }

    @Test
    void tdxQuoteOfARevokedPckIsRefused() throws Exception {
        Instant now = Instant.now();
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        TestPlatform platform = pki.platform(HexFormat.of().parseHex("00906ed50000"), COMPONENTS, 11);
        try (TestKbs kbs = tdxKbs(dir, pki, platform, platform.pckSerial())) {
            HttpResponse<byte[]> refused = attest(kbs, "tdx", guest -> HardwareGuests.tdx(guest, platform, 1L << 28));
            assertThat(assertRefused(refused, 401, "AttestationError").get("detail").asText()).contains("PCK CRL");
        }
        try (TestKbs control = tdxKbs(other, pki, platform, platform.pckSerial().add(BigInteger.ONE))) {
            assertThat(attest(control, "tdx", guest -> HardwareGuests.tdx(guest, platform, 1L << 28)).statusCode()).as("control").isEqualTo(200);
        }
    }
}
