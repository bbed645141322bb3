package io.coco4j.kbs.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.storage.Namespace;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped resource policies, evaluated by the Rego engine on EAR-shaped token claims. */
class BundledResourcePolicyTest {

    private static final String RESOURCE = "{\"plugin\":\"resource\",\"resource-path\":[\"default\",\"key\",\"1\"],\"query\":{}}";
    private static final String OTHER_PLUGIN = "{\"plugin\":\"nebula-ca\",\"resource-path\":[\"credential\"],\"query\":{}}";

    private static JsonNode token(String cpuTee, String cpuStatus, String gpuStatus) throws Exception {
        String gpu = gpuStatus == null ? "" : ",\"gpu0\":{\"ear.status\":\"" + gpuStatus + "\",\"ear.veraison.annotated-evidence\":{\"nvidia\":{}}}";
        return Json.readTree("{\"submods\":{\"cpu0\":{\"ear.status\":\"" + cpuStatus + "\",\"ear.veraison.annotated-evidence\":{\""
                + cpuTee + "\":{}}}" + gpu + "}}");
    }

    private static boolean allows(BundledResourcePolicy bundled, JsonNode token, String data) throws Exception {
        MemoryStorage storage = new MemoryStorage();
        storage.namespace(Namespace.KBS).put(ResourcePolicyStore.KEY, bundled.text().getBytes(StandardCharsets.UTF_8));
        return ResourcePolicyStore.open(storage.namespace(Namespace.KBS), Optional.empty(), BundledResourcePolicy.DENY_ALL)
                .current().allows(token, Json.readTree(data));
    }

    @Test
    void affirmingNeedsEveryAppraisalAffirmingAndNeverServesTheSampleTee() throws Exception {
        assertThat(allows(BundledResourcePolicy.AFFIRMING, token("tdx", "affirming", null), RESOURCE)).isTrue();
        assertThat(allows(BundledResourcePolicy.AFFIRMING, token("tdx", "affirming", "affirming"), RESOURCE)).isTrue();
        assertThat(allows(BundledResourcePolicy.AFFIRMING, token("tdx", "affirming", "warning"), RESOURCE)).isFalse();
        assertThat(allows(BundledResourcePolicy.AFFIRMING, token("tdx", "warning", null), RESOURCE)).isFalse();
        assertThat(allows(BundledResourcePolicy.AFFIRMING, token("tdx", "contraindicated", null), RESOURCE)).isFalse();
        assertThat(allows(BundledResourcePolicy.AFFIRMING, token("sample", "affirming", null), RESOURCE)).isFalse();
        assertThat(allows(BundledResourcePolicy.AFFIRMING, Json.readTree("{\"submods\":{}}"), RESOURCE)).isFalse();
        assertThat(allows(BundledResourcePolicy.AFFIRMING, Json.readTree("{}"), RESOURCE)).isFalse();
    }

    @Test
    void referenceDefaultServesAnyStatusButNotTheSampleTee() throws Exception {
        assertThat(allows(BundledResourcePolicy.REFERENCE_DEFAULT, token("snp", "contraindicated", null), RESOURCE)).isTrue();
        assertThat(allows(BundledResourcePolicy.REFERENCE_DEFAULT, token("sample", "affirming", null), RESOURCE)).isFalse();
        assertThat(allows(BundledResourcePolicy.REFERENCE_DEFAULT, token("snp", "affirming", null), OTHER_PLUGIN)).isFalse();
    }

    @Test
    void allowAllAndDenyAll() throws Exception {
        assertThat(allows(BundledResourcePolicy.ALLOW_ALL, token("sample", "contraindicated", null), RESOURCE)).isTrue();
        assertThat(allows(BundledResourcePolicy.ALLOW_ALL, token("sample", "affirming", null), OTHER_PLUGIN)).isFalse();
        assertThat(allows(BundledResourcePolicy.DENY_ALL, token("tdx", "affirming", null), RESOURCE)).isFalse();
    }

    @Test
    void aPolicyThatFailsAtRunTimeDenies() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        ResourcePolicyStore store = ResourcePolicyStore.open(storage.namespace(Namespace.KBS), Optional.empty(), BundledResourcePolicy.ALLOW_ALL);
        store.set("package policy\nimport rego.v1\nallow if { x := 1 / 0; x > 0 }\n");
        assertThat(store.current().allows(token("tdx", "affirming", null), Json.readTree(RESOURCE))).isFalse();
        store.set("package policy\nimport rego.v1\nallow := \"yes\"\n");
        assertThat(store.current().allows(token("tdx", "affirming", null), Json.readTree(RESOURCE))).as("only boolean true allows").isFalse();
    }
}
