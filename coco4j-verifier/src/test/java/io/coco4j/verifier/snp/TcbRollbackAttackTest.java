package io.coco4j.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.Expectation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * A host rolls its firmware back to a vulnerable version: the chip then signs genuine reports with
 * the VCEK of the old TCB. Signature and chain are valid; only the configured minimum TCB stops it.
 */
class TcbRollbackAttackTest {

    private static final TcbVersion OLD = TcbVersion.of(3, 0, 8, 115);
    private static final TcbVersion MINIMUM = TcbVersion.of(3, 0, 14, 115);
    private static TestSnpPlatform platform;

    @BeforeAll
    static void platform() throws Exception {
        platform = TestSnpPlatform.generate(SnpProduct.MILAN);
    }

    private static SnpVerifier verifier(SnpVerifierSettings settings) {
        return SnpVerifier.create(settings.withArkPins(platform.pins()), Clock.fixed(TestSnpPlatform.NOT_BEFORE.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    }

    @Test
    void rolledBackFirmwareIsRefusedDespiteAValidSignature() throws Exception {
        TestSnpPlatform.Vcek oldVcek = platform.vcek(OLD);
        var evidence = oldVcek.evidence(oldVcek.sign(oldVcek.report()));
        // Without a minimum the report is genuine and verifies: the attack is not a forgery.
        assertThat(verifier(SnpVerifierSettings.defaults()).evaluate(evidence, Expectation.none())).hasSize(1);
        assertThatThrownBy(() -> verifier(SnpVerifierSettings.defaults().withMinimumTcb(SnpProduct.MILAN, MINIMUM)).evaluate(evidence, Expectation.none()))
                .isInstanceOf(TcbBelowMinimumException.class).hasMessageContaining("snp=8").hasMessageContaining("snp=14");
    }

    @Test
    void oneComponentBelowTheMinimumIsEnough() throws Exception {
        // Newer SNP firmware but older microcode is still a rollback.
        TestSnpPlatform.Vcek vcek = platform.vcek(TcbVersion.of(4, 1, 20, 100));
        var evidence = vcek.evidence(vcek.sign(vcek.report()));
        assertThatThrownBy(() -> verifier(SnpVerifierSettings.defaults().withMinimumTcb(SnpProduct.MILAN, MINIMUM)).evaluate(evidence, Expectation.none()))
                .isInstanceOf(TcbBelowMinimumException.class);
        TestSnpPlatform.Vcek current = platform.vcek(TcbVersion.of(3, 0, 14, 115));
        assertThat(verifier(SnpVerifierSettings.defaults().withMinimumTcb(SnpProduct.MILAN, MINIMUM))
                .evaluate(current.evidence(current.sign(current.report())), Expectation.none())).hasSize(1);
    }

    @Test
    void claimingANewerTcbThanTheVcekWasIssuedFor() throws Exception {
        // The old chip key signs a report that claims the current TCB: the VCEK's SPLs betray it.
        TestSnpPlatform.Vcek oldVcek = platform.vcek(OLD);
        var evidence = oldVcek.evidence(oldVcek.sign(oldVcek.report().allTcbs(MINIMUM)));
        assertThatThrownBy(() -> verifier(SnpVerifierSettings.defaults().withMinimumTcb(SnpProduct.MILAN, MINIMUM)).evaluate(evidence, Expectation.none()))
                .isInstanceOf(TcbMismatchException.class);
    }
}
