package io.coco4j.verifier.attacks;

import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TcbStatusRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A genuine but unpatched platform: its status is reported, and refused where the policy demands more. */
class TcbBelowPolicyAttackTest {

    @TempDir
    Path collateral;

    @Test
    void outOfDatePlatformIsRefusedByAStrictPolicyAndReportedByTheDefault() throws Exception {
        TdxFixture fixture = new TdxFixture(collateral).withCollateral("OutOfDate", List.of("INTEL-SA-00837"));
        var claims = fixture.verifier().evaluate(fixture.evidence(), Expectation.none()).get(0).claims();
        assertThat(claims.get("tcb_status").asText()).isEqualTo("OutOfDate");
        assertThat(claims.get("advisory_ids").get(0).asText()).isEqualTo("INTEL-SA-00837");
        var strict = fixture.verifier(fixture.pki.trustedRoot(), EnumSet.of(TcbStatus.UP_TO_DATE), TdxFixture.NOW);
        assertThatThrownBy(() -> strict.evaluate(fixture.evidence(), Expectation.none()))
                .isInstanceOf(TcbStatusRejectedException.class).hasMessageContaining("OutOfDate").hasMessageContaining("INTEL-SA-00837");
    }

    @Test
    void revokedTcbLevelIsRefusedEvenByTheReferencePolicy() throws Exception {
        TdxFixture fixture = new TdxFixture(collateral).withCollateral("Revoked", List.of());
        assertThatThrownBy(() -> fixture.verifier().evaluate(fixture.evidence(), Expectation.none()))
                .isInstanceOf(TcbStatusRejectedException.class).hasMessageContaining("Revoked");
    }
}
