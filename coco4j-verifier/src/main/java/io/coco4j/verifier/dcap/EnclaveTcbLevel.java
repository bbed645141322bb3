package io.coco4j.verifier.dcap;

import java.time.Instant;
import java.util.List;

/** A TCB level of an enclave identity or TDX module identity: a minimum ISV SVN and its status. */
public record EnclaveTcbLevel(int isvSvn, Instant tcbDate, TcbStatus status, List<String> advisoryIds) {

    public EnclaveTcbLevel {
        advisoryIds = List.copyOf(advisoryIds);
    }
}
