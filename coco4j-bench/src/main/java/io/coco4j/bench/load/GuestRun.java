package io.coco4j.bench.load;

import java.util.EnumMap;
import java.util.Map;

/**
 * One simulated guest's successful run: nanoseconds per step, and the size of the token it was issued.
 */
public record GuestRun(long authNanos, long attestNanos, long resource1Nanos, long resource2Nanos, long handshakeNanos,
                       int tokenChars) {

    public Map<Step, Long> nanosByStep() {
        Map<Step, Long> out = new EnumMap<>(Step.class);
        out.put(Step.AUTH, authNanos);
        out.put(Step.ATTEST, attestNanos);
        out.put(Step.RESOURCE1, resource1Nanos);
        out.put(Step.RESOURCE2, resource2Nanos);
        out.put(Step.HANDSHAKE, handshakeNanos);
        return out;
    }
}
