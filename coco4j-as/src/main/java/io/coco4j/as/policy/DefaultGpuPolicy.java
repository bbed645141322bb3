package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.ear.TrustClaim;
import io.coco4j.rvps.ReferenceValueProvider;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's {@code default_gpu} EAR policy: executables 33, hardware 97, configuration 36,
 * every other claim 0, no extensions. Its {@code sampledevice} rule compares {@code svn} with
 * {@code data.reference.device_svn}, which the reference no longer provides, so it never fires and a
 * sample device stays contraindicated; the NVIDIA rules need the NVIDIA verifier's claims.
 */
final class DefaultGpuPolicy implements BuiltinPolicy {

    static final String ID = "default_gpu";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PolicyOutcome evaluate(ObjectNode input, ReferenceValueProvider referenceValues) {
        Map<TrustClaim, Integer> claims = new EnumMap<>(TrustClaim.class);
        for (TrustClaim claim : TrustClaim.values()) {
            claims.put(claim, 0);
        }
        claims.put(TrustClaim.EXECUTABLES, 33);
        claims.put(TrustClaim.HARDWARE, 97);
        claims.put(TrustClaim.CONFIGURATION, 36);
        return new PolicyOutcome(claims, List.of());
    }
}
