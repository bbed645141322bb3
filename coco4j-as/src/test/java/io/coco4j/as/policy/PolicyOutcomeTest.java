package io.coco4j.as.policy;

import io.coco4j.as.ear.TrustClaim;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyOutcomeTest {

    @Test
    void trustClaimsAndExtensionsFromRuleValues() throws Exception {
        PolicyOutcome outcome = PolicyOutcome.fromRuleValues(Json.readTree("{\"hardware\":2,\"executables\":-3}"),
                Json.readTree("[{\"name\":\"ear.trustee.identifiers\",\"key\":-18,\"value\":{\"validated\":{}}}]"));
        assertThat(outcome.trustClaims()).containsOnlyKeys(TrustClaim.HARDWARE, TrustClaim.EXECUTABLES)
                .containsEntry(TrustClaim.EXECUTABLES, -3);
        assertThat(outcome.extensions()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("ear.trustee.identifiers");
            assertThat(e.key()).isEqualTo(-18);
        });
    }

    @Test
    void absentTrustClaimsSetEveryClaimToZeroAndAbsentExtensionsMeanNone() throws Exception {
        PolicyOutcome outcome = PolicyOutcome.fromRuleValues(null, null);
        assertThat(outcome.trustClaims()).hasSize(8).allSatisfy((claim, value) -> assertThat(value).isZero());
        assertThat(outcome.extensions()).isEmpty();
    }

    @Test
    void malformedRuleValuesAreRefused() {
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("[1]"), null)).isInstanceOf(InvalidPolicyOutputException.class);
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{}"), null))
                .isInstanceOf(InvalidPolicyOutputException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{\"file_system\":0}"), null))
                .isInstanceOf(InvalidPolicyOutputException.class).hasMessageContaining("unknown claim 'file_system'");
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{\"hardware\":\"2\"}"), null))
                .isInstanceOf(InvalidPolicyOutputException.class);
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{\"hardware\":2.5}"), null))
                .isInstanceOf(InvalidPolicyOutputException.class);
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{\"hardware\":200}"), null))
                .isInstanceOf(InvalidPolicyOutputException.class);
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{\"hardware\":2}"), Json.readTree("{}")))
                .isInstanceOf(InvalidPolicyOutputException.class);
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{\"hardware\":2}"), Json.readTree("[{\"name\":\"x\",\"value\":1}]")))
                .isInstanceOf(InvalidPolicyOutputException.class);
        assertThatThrownBy(() -> PolicyOutcome.fromRuleValues(Json.readTree("{\"hardware\":2}"), Json.readTree("[{\"name\":\"x\",\"key\":1}]")))
                .isInstanceOf(InvalidPolicyOutputException.class);
    }
}
