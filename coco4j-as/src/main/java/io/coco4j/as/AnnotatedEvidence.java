package io.coco4j.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.verifier.MalformedEvidenceException;

import java.util.Map;
import java.util.TreeMap;

/**
 * The reference's {@code transform_claims}: the verifier's claims go under the TEE name; a
 * {@code report_data} claim is lifted to the top next to {@code runtime_data_claims}, and an
 * {@code init_data} claim next to {@code init_data_claims} (each {@code null} when there was no
 * structured runtime data or init-data document). This object is both the policy input and the
 * token's {@code ear.veraison.annotated-evidence}; members are sorted by name.
 */
final class AnnotatedEvidence {

    private AnnotatedEvidence() {
    }

    static ObjectNode of(Tee tee, ObjectNode verifierClaims, JsonNode runtimeDataClaims, JsonNode initDataClaims, boolean verbose)
            throws MalformedEvidenceException {
        ObjectNode teeClaims = verifierClaims.deepCopy();
        Map<String, JsonNode> members = new TreeMap<>();

        JsonNode initData = teeClaims.remove("init_data");
        if (initData != null) {
            members.put("init_data", requireText(initData, "init_data", tee));
            members.put("init_data_claims", initDataClaims == null ? NullNode.getInstance() : initDataClaims.deepCopy());
        }
        JsonNode reportData = teeClaims.remove("report_data");
        if (reportData != null) {
            members.put("report_data", requireText(reportData, "report_data", tee));
            JsonNode runtime = runtimeDataClaims == null ? NullNode.getInstance() : runtimeDataClaims.deepCopy();
            if (!verbose && runtime.isObject()) {
                // Device evidence can make tokens too large for HTTP headers; it is left out unless asked for.
                ((ObjectNode) runtime).remove("additional-evidence");
            }
            members.put("runtime_data_claims", runtime);
        }
        members.put(tee.wireName(), teeClaims);

        ObjectNode annotated = JsonNodeFactory.instance.objectNode();
        members.forEach(annotated::set);
        return annotated;
    }

    private static JsonNode requireText(JsonNode value, String name, Tee tee) throws MalformedEvidenceException {
        if (!value.isTextual()) {
            throw new MalformedEvidenceException("the " + tee.wireName() + " verifier reported a " + name + " claim that is not a string");
        }
        return value;
    }
}
