package io.coco4j.verifier.dcap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One TCB level of TCB info: the 16 SGX component SVNs and PCESVN (and for TDX the 16 TDX
 * component SVNs) a platform must at least have, with the status and advisories of that level.
 */
public record TcbLevel(int[] sgxComponents, int pceSvn, Optional<int[]> tdxComponents, Instant tcbDate, TcbStatus status,
                       List<String> advisoryIds) {

    public TcbLevel {
        sgxComponents = sgxComponents.clone();
        tdxComponents = tdxComponents.map(int[]::clone);
        advisoryIds = List.copyOf(advisoryIds);
    }

    @Override
    public int[] sgxComponents() {
        return sgxComponents.clone();
    }

    @Override
    public Optional<int[]> tdxComponents() {
        return tdxComponents.map(int[]::clone);
    }
}
