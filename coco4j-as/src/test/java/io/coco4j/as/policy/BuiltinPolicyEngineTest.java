package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.ear.TokenExtension;
import io.coco4j.as.ear.TrustClaim;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.storage.Namespace;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltinPolicyEngineTest {

    private static final String SAMPLE_INPUT = "{\"report_data\":\"x\",\"runtime_data_claims\":null,"
            + "\"sample\":{\"svn\":\"1\",\"launch_digest\":\"abcde\",\"platform_version\":{\"major\":1,\"minor\":4},\"debug\":false}}";

    private final BuiltinPolicyEngine engine = new BuiltinPolicyEngine();

    private static ObjectNode input(String json) throws Exception {
        return (ObjectNode) Json.readTree(json);
    }

    private static MapReferenceValues matchingSampleValues() throws Exception {
        return new MapReferenceValues().put("launch_digest", "[\"abcde\"]").put("svn", "[\"1\"]")
                .put("major_version", "1").put("minimum_minor_version", "4");
    }

    private Map<TrustClaim, Integer> claims(String input, MapReferenceValues rv) throws Exception {
        return engine.evaluate("default_cpu", input(input), rv).trustClaims();
    }

    @Test
    void sampleWithMatchingReferenceValuesIsAffirmed() throws Exception {
        Map<TrustClaim, Integer> claims = claims(SAMPLE_INPUT, matchingSampleValues());
        assertThat(claims).containsEntry(TrustClaim.EXECUTABLES, 3).containsEntry(TrustClaim.HARDWARE, 2)
                .containsEntry(TrustClaim.CONFIGURATION, 2).containsEntry(TrustClaim.FILE_SYSTEM, 0)
                .containsEntry(TrustClaim.INSTANCE_IDENTITY, 0).containsEntry(TrustClaim.RUNTIME_OPAQUE, 0)
                .containsEntry(TrustClaim.STORAGE_OPAQUE, 0).containsEntry(TrustClaim.SOURCED_DATA, 0).hasSize(8);
    }

    @Test
    void sampleWithoutReferenceValuesKeepsTheDefaultsExceptConfiguration() throws Exception {
        Map<TrustClaim, Integer> claims = claims(SAMPLE_INPUT, new MapReferenceValues());
        assertThat(claims).containsEntry(TrustClaim.EXECUTABLES, 33).containsEntry(TrustClaim.HARDWARE, 97)
                .containsEntry(TrustClaim.CONFIGURATION, 2);
    }

    @Test
    void eachHardwareConditionIsRequired() throws Exception {
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("svn", "[\"2\"]"))).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("major_version", "2"))).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("minimum_minor_version", "5"))).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("minimum_minor_version", "3"))).containsEntry(TrustClaim.HARDWARE, 2);
        // Rego compares numbers by value and values of different types never equal.
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("major_version", "1.0"))).containsEntry(TrustClaim.HARDWARE, 2);
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("major_version", "\"1\""))).containsEntry(TrustClaim.HARDWARE, 97);
        // `in` needs a collection: a bare string reference value matches nothing.
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("svn", "\"1\""))).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(SAMPLE_INPUT, matchingSampleValues().put("launch_digest", "{\"a\":\"abcde\"}"))).containsEntry(TrustClaim.EXECUTABLES, 3);
    }

    @Test
    void debugSampleIsNotAnApprovedConfiguration() throws Exception {
        String debug = SAMPLE_INPUT.replace("\"debug\":false", "\"debug\":true");
        assertThat(claims(debug, matchingSampleValues())).containsEntry(TrustClaim.CONFIGURATION, 36);
        String noDebug = SAMPLE_INPUT.replace(",\"debug\":false", "");
        assertThat(claims(noDebug, matchingSampleValues())).containsEntry(TrustClaim.CONFIGURATION, 36);
    }

    @Test
    void otherTeesKeepTheReferenceDefaults() throws Exception {
        Map<TrustClaim, Integer> claims = claims("{\"snp\":{\"measurement\":\"00\"},\"report_data\":\"x\"}", matchingSampleValues());
        assertThat(claims).containsEntry(TrustClaim.EXECUTABLES, 33).containsEntry(TrustClaim.HARDWARE, 97)
                .containsEntry(TrustClaim.CONFIGURATION, 36);
    }

    @Test
    void identifiersExtensionListsImagesAndUidsOfTheAgentPolicy() throws Exception {
        String input = "{\"sample\":{},\"init_data_claims\":{\"agent_policy_claims\":{\"containers\":["
                + "{\"OCI\":{\"Annotations\":{\"io.kubernetes.cri.image-name\":\"pause:3.9\"},\"Process\":{\"User\":{\"UID\":65535}}}},"
                + "{\"OCI\":{\"Annotations\":{\"io.kubernetes.cri.image-name\":\"nginx:1.27\"}}},"
                + "{\"OCI\":{}}]}}}";
        PolicyOutcome outcome = engine.evaluate("default_cpu", input(input), new MapReferenceValues());
        assertThat(outcome.extensions()).hasSize(1);
        TokenExtension identifiers = outcome.extensions().get(0);
        assertThat(identifiers.name()).isEqualTo("ear.trustee.identifiers");
        assertThat(identifiers.key()).isEqualTo(-18);
        assertThat(identifiers.value()).isEqualTo(Json.readTree(
                "{\"validated\":{\"container_images\":[\"pause:3.9\",\"nginx:1.27\"],\"container_uids\":[65535]}}"));

        JsonNode none = engine.evaluate("default_cpu", input(SAMPLE_INPUT), new MapReferenceValues()).extensions().get(0).value();
        assertThat(none).isEqualTo(Json.readTree("{\"validated\":{}}"));
    }

    @Test
    void gpuPolicyKeepsTheSampleDeviceContraindicated() throws Exception {
        PolicyOutcome outcome = engine.evaluate("default_gpu", input("{\"sampledevice\":{\"svn\":\"2\"},\"report_data\":\"x\"}"),
                new MapReferenceValues().put("device_svn", "[\"2\"]"));
        assertThat(outcome.trustClaims()).containsEntry(TrustClaim.EXECUTABLES, 33).containsEntry(TrustClaim.HARDWARE, 97)
                .containsEntry(TrustClaim.CONFIGURATION, 36).hasSize(8);
        assertThat(outcome.extensions()).isEmpty();
    }

    @Test
    void unknownPolicyIsNotFound() {
        assertThatThrownBy(() -> engine.evaluate("default", input(SAMPLE_INPUT), new MapReferenceValues()))
                .isInstanceOf(PolicyNotFoundException.class).hasMessageContaining("'default'").hasMessageContaining("default_cpu, default_gpu");
    }

    @Test
    void referenceValueFailureFailsTheEvaluation() {
        assertThatThrownBy(() -> engine.evaluate("default_cpu", input(SAMPLE_INPUT), new MapReferenceValues().broken()))
                .isInstanceOf(PolicyEvaluationException.class).hasMessageContaining("launch_digest");
    }

    @Test
    void settingAPolicyIsRefusedUntilRegoIsSupported() throws Exception {
        assertThatThrownBy(() -> engine.setPolicy("default_cpu", "package policy"))
                .isInstanceOf(UnsupportedPolicyException.class).hasMessage("Rego policies not supported yet");
        assertThat(engine.policyIds()).containsExactly("default_cpu", "default_gpu");
    }

    @Test
    void storedPoliciesAreLeftUntouched() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        storage.namespace(Namespace.ATTESTATION_SERVICE_POLICY).put("default_cpu.rego", "package policy".getBytes(StandardCharsets.UTF_8));
        BuiltinPolicyEngine fromStorage = BuiltinPolicyEngine.forStorage(storage);
        assertThat(fromStorage.policyIds()).containsExactly("default_cpu", "default_gpu");
        assertThat(storage.namespace(Namespace.ATTESTATION_SERVICE_POLICY).keys()).containsExactly("default_cpu.rego");
    }
}
