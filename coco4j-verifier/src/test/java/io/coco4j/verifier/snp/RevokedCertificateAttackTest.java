package io.coco4j.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.Expectation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/** An intermediate key was compromised and revoked by the vendor; evidence chained through it must be refused. */
class RevokedCertificateAttackTest {

    private static final Clock CLOCK = Clock.fixed(TestSnpPlatform.NOT_BEFORE.plus(Duration.ofDays(10)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private TestSnpPlatform platform;
    private TestSnpPlatform.Vcek vcek;

    @BeforeEach
    void platform() throws Exception {
        platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
    }

    private SnpVerifier verifier(CrlPolicy policy) {
        return SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()).withCollateralDirectory(dir).withCrlPolicy(policy), CLOCK);
    }

    @Test
    void revokedAskIsRefused() throws Exception {
        AmdCollateral.write(CollateralDirectory.crlPath(dir, SnpProduct.MILAN, VekType.VCEK), platform.crlRevoking(platform.ask()).getEncoded());
        var evidence = vcek.evidence(vcek.sign(vcek.report()));
        assertThatThrownBy(() -> verifier(CrlPolicy.IF_PRESENT).evaluate(evidence, Expectation.none()))
                .isInstanceOf(SnpCertificateRevokedException.class).hasMessageContaining("SEV-Milan");
        // Ignoring CRLs is an explicit choice, and then the chain is accepted.
        assertThat(verifier(CrlPolicy.IGNORE).evaluate(evidence, Expectation.none())).hasSize(1);
    }

    @Test
    void crlWithoutTheAskAccepts() throws Exception {
        AmdCollateral.write(CollateralDirectory.crlPath(dir, SnpProduct.MILAN, VekType.VCEK), platform.crlRevoking().getEncoded());
        assertThat(verifier(CrlPolicy.REQUIRE).evaluate(vcek.evidence(vcek.sign(vcek.report())), Expectation.none())).hasSize(1);
    }

    @Test
    void forgedCrlIsRefused() throws Exception {
        // An empty CRL signed by someone else must not pass as the vendor's (it could hide a revocation).
        TestSnpPlatform other = TestSnpPlatform.generate(SnpProduct.MILAN);
        AmdCollateral.write(CollateralDirectory.crlPath(dir, SnpProduct.MILAN, VekType.VCEK), other.crlRevoking().getEncoded());
        assertThatThrownBy(() -> verifier(CrlPolicy.IF_PRESENT).evaluate(vcek.evidence(vcek.sign(vcek.report())), Expectation.none()))
                .isInstanceOf(SnpCertificateSignatureException.class).hasMessageContaining("CRL");
    }

    @Test
    void requiredCrlMissing() throws Exception {
        assertThatThrownBy(() -> verifier(CrlPolicy.REQUIRE).evaluate(vcek.evidence(vcek.sign(vcek.report())), Expectation.none()))
                .isInstanceOf(SnpCollateralUnavailableException.class).hasMessageContaining("CRL");
    }
}
