package io.coco4j.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;

import io.coco4j.protocol.tee.snp.SnpPolicy;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.Expectation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * A guest launched with the DEBUG policy bit lets the host read and change its memory, yet its
 * report is genuine. The verifier cannot know whether debugging is acceptable, so the bit must
 * reach the policy as a claim (the same for MIGRATE_MA); a policy that ignores it is the hole.
 */
class DebugPolicyClaimAttackTest {

    @Test
    void debugAndMigrationAgentBitsAreExposed() throws Exception {
        TestSnpPlatform platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        SnpVerifier verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()),
                Clock.fixed(TestSnpPlatform.NOT_BEFORE.plus(Duration.ofDays(1)), ZoneOffset.UTC));

        long base = (1L << SnpPolicy.SMT_BIT) | (1L << SnpPolicy.RESERVED_MUST_BE_ONE_BIT);
        var debug = verifier.evaluate(vcek.evidence(vcek.sign(vcek.report().policy(new SnpPolicy(base | (1L << SnpPolicy.DEBUG_BIT))))),
                Expectation.none()).get(0).claims();
        assertThat(debug.get("policy_debug_allowed").booleanValue()).isTrue();
        assertThat(debug.get("policy_migrate_ma").booleanValue()).isFalse();

        var migrate = verifier.evaluate(vcek.evidence(vcek.sign(vcek.report().policy(new SnpPolicy(base | (1L << SnpPolicy.MIGRATE_MA_BIT))))),
                Expectation.none()).get(0).claims();
        assertThat(migrate.get("policy_debug_allowed").booleanValue()).isFalse();
        assertThat(migrate.get("policy_migrate_ma").booleanValue()).isTrue();

        var production = verifier.evaluate(vcek.evidence(vcek.sign(vcek.report())), Expectation.none()).get(0).claims();
        assertThat(production.get("policy_debug_allowed").booleanValue()).isFalse();
        assertThat(production.get("policy_smt_allowed").booleanValue()).isTrue();
    }

    @Test
    void flippingTheDebugBitAfterSigningBreaksTheSignature() throws Exception {
        TestSnpPlatform platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        SnpVerifier verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()),
                Clock.fixed(TestSnpPlatform.NOT_BEFORE.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        var signed = vcek.sign(vcek.report().policy(new SnpPolicy((1L << SnpPolicy.RESERVED_MUST_BE_ONE_BIT) | (1L << SnpPolicy.DEBUG_BIT))));
        var hidden = signed.toBuilder().policy(new SnpPolicy(1L << SnpPolicy.RESERVED_MUST_BE_ONE_BIT)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.evaluate(vcek.evidence(hidden), Expectation.none()))
                .isInstanceOf(SnpReportSignatureException.class);
    }
}
