package io.coco4j.kbs.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Resource policies built into the KBS, with the semantics of the reference's bundled policies. */
public enum BuiltinResourcePolicy implements ResourcePolicy {

    /** Any attested caller may read resources of the resource plugin (demo mode). */
    ALLOW_ALL("allow-all") {
        @Override
        public boolean allows(JsonNode input, JsonNode data) {
            return isResourcePlugin(data);
        }
    },
    /** Nothing is released. */
    DENY_ALL("deny-all") {
        @Override
        public boolean allows(JsonNode input, JsonNode data) {
            return false;
        }
    },
    /** The reference's default: the resource plugin, to anyone but the sample TEE. */
    REFERENCE_DEFAULT("reference-default") {
        @Override
        public boolean allows(JsonNode input, JsonNode data) {
            return isResourcePlugin(data) && !isSample(input);
        }
    },
    /** Only when every submod's {@code ear.status} is {@code affirming}, and never to the sample TEE. */
    AFFIRMING("affirming") {
        @Override
        public boolean allows(JsonNode input, JsonNode data) {
            JsonNode submods = input.path("submods");
            if (!submods.isObject() || submods.isEmpty() || isSample(input)) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = submods.fields(); it.hasNext(); ) {
                if (!"affirming".equals(it.next().getValue().path("ear.status").asText(null))) {
                    return false;
                }
            }
            return true;
        }
    };

    private final String policyName;

    BuiltinResourcePolicy(String policyName) {
        this.policyName = policyName;
    }

    @Override
    public String policyName() {
        return policyName;
    }

    private static boolean isResourcePlugin(JsonNode data) {
        return "resource".equals(data.path("plugin").asText(null));
    }

    private static boolean isSample(JsonNode input) {
        return input.path("submods").path("cpu0").path("ear.veraison.annotated-evidence").has("sample");
    }
}
