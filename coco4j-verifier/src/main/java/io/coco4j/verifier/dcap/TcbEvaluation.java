package io.coco4j.verifier.dcap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of TCB level selection: the converged status, the advisories of every matched level,
 * the TCB date, and the parts it was converged from.
 */
public record TcbEvaluation(TcbStatus status, List<String> advisoryIds, Instant tcbDate, TcbLevel platformLevel,
                            Optional<EnclaveTcbLevel> tdxModuleLevel, EnclaveTcbLevel qeLevel) {

    public TcbEvaluation {
        advisoryIds = List.copyOf(advisoryIds);
    }
}
