package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.ear.TokenExtension;
import io.coco4j.as.ear.TrustClaim;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.rvps.RvpsException;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.coco4j.as.policy.RegoValues.each;
import static io.coco4j.as.policy.RegoValues.equal;
import static io.coco4j.as.policy.RegoValues.greaterOrEqual;
import static io.coco4j.as.policy.RegoValues.holds;
import static io.coco4j.as.policy.RegoValues.in;
import static io.coco4j.as.policy.RegoValues.member;
import static io.coco4j.as.policy.RegoValues.path;

/**
 * The reference's {@code default_cpu} EAR policy. Defaults follow AR4SI: executables 33 (not
 * recognised), hardware 97 (not recognised), configuration 36 (unavailable), every other claim 0.
 * The {@code sample} branch is complete: executables 3 when {@code launch_digest} is among the
 * reference values {@code launch_digest}; hardware 2 when {@code svn} is among {@code svn}, the
 * platform major version equals {@code major_version} and the minor is at least
 * {@code minimum_minor_version}; configuration 2 when {@code debug} is false. Other TEEs keep the
 * defaults here. The {@code ear.trustee.identifiers} extension lists the container images and UIDs
 * of the Kata agent policy carried in the init-data.
 */
final class DefaultCpuPolicy implements BuiltinPolicy {

    static final String ID = "default_cpu";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PolicyOutcome evaluate(ObjectNode input, ReferenceValueProvider referenceValues) throws PolicyException {
        ReferenceValues rv = new ReferenceValues(referenceValues);
        Map<TrustClaim, Integer> claims = new EnumMap<>(TrustClaim.class);
        for (TrustClaim claim : TrustClaim.values()) {
            claims.put(claim, 0);
        }
        claims.put(TrustClaim.EXECUTABLES, 33);
        claims.put(TrustClaim.HARDWARE, 97);
        claims.put(TrustClaim.CONFIGURATION, 36);

        JsonNode sample = member(input, "sample");
        if (holds(sample)) {
            if (in(member(sample, "launch_digest"), rv.query("launch_digest"))) {
                claims.put(TrustClaim.EXECUTABLES, 3);
            }
            if (in(member(sample, "svn"), rv.query("svn"))
                    && equal(path(sample, "platform_version", "major"), rv.query("major_version"))
                    && greaterOrEqual(path(sample, "platform_version", "minor"), rv.query("minimum_minor_version"))) {
                claims.put(TrustClaim.HARDWARE, 2);
            }
            if (equal(member(sample, "debug"), JsonNodeFactory.instance.booleanNode(false))) {
                claims.put(TrustClaim.CONFIGURATION, 2);
            }
        }
        return new PolicyOutcome(claims, List.of(identifiers(input)));
    }

    /** {@code ear.trustee.identifiers}: {@code {"validated": {container_images?, container_uids?}}}, each only when non-empty. */
    private static TokenExtension identifiers(ObjectNode input) {
        ArrayNode images = JsonNodeFactory.instance.arrayNode();
        ArrayNode uids = JsonNodeFactory.instance.arrayNode();
        for (JsonNode container : each(path(input, "init_data_claims", "agent_policy_claims", "containers"))) {
            JsonNode image = path(container, "OCI", "Annotations", "io.kubernetes.cri.image-name");
            if (image != null) {
                images.add(image);
            }
            JsonNode uid = path(container, "OCI", "Process", "User", "UID");
            if (uid != null) {
                uids.add(uid);
            }
        }
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        ObjectNode validated = value.putObject("validated");
        if (!images.isEmpty()) {
            validated.set("container_images", images);
        }
        if (!uids.isEmpty()) {
            validated.set("container_uids", uids);
        }
        return new TokenExtension("ear.trustee.identifiers", -18, value);
    }

    /** {@code query_reference_value(id)}: the stored value, or null when there is none. */
    private static final class ReferenceValues {
        private final ReferenceValueProvider provider;

        ReferenceValues(ReferenceValueProvider provider) {
            this.provider = provider;
        }

        JsonNode query(String name) throws PolicyEvaluationException {
            try {
                return provider.query(name).orElse(NullNode.getInstance());
            } catch (RvpsException e) {
                throw new PolicyEvaluationException("reference value '" + name + "' cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
