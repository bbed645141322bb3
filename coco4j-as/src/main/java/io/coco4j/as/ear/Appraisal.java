package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One submod of an EAR token: the trust vector and status a policy gave to one verified claim set,
 * the (unsuffixed) policy id, the annotated evidence the policy saw, and the policy's extensions.
 */
public record Appraisal(TrustVector trustVector, String policyId, ObjectNode annotatedEvidence, List<TokenExtension> extensions) {

    /** Members of a submod that an extension must not overwrite. */
    public static final Set<String> RESERVED_MEMBERS = Set.of(
            "ear.status", "ear.trustworthiness-vector", "ear.appraisal-policy-id", "ear.veraison.annotated-evidence");

    public Appraisal {
        annotatedEvidence = annotatedEvidence.deepCopy();
        extensions = List.copyOf(extensions);
        Set<String> names = new HashSet<>();
        for (TokenExtension extension : extensions) {
            if (RESERVED_MEMBERS.contains(extension.name())) {
                throw new IllegalArgumentException("extension '" + extension.name() + "' would replace a standard appraisal member");
            }
            if (!names.add(extension.name())) {
                throw new IllegalArgumentException("extension '" + extension.name() + "' is given twice");
            }
        }
    }

    @Override
    public ObjectNode annotatedEvidence() {
        return annotatedEvidence.deepCopy();
    }

    public TrustTier status() {
        return trustVector.status();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("ear.status", status().wireName());
        node.set("ear.trustworthiness-vector", trustVector.toJson());
        node.put("ear.appraisal-policy-id", policyId);
        node.set("ear.veraison.annotated-evidence", annotatedEvidence.deepCopy());
        for (TokenExtension extension : extensions) {
            node.set(extension.name(), extension.value() == null ? NullNode.getInstance() : extension.value());
        }
        return node;
    }
}
