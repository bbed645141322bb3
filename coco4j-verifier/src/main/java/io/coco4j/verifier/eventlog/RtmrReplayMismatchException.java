package io.coco4j.verifier.eventlog;

import io.coco4j.verifier.VerificationException;

/** Replaying the event log does not give the measurement register the signed report carries. */
public final class RtmrReplayMismatchException extends VerificationException {

    private final int index;

    public RtmrReplayMismatchException(int index, String message) {
        super(message);
        this.index = index;
    }

    /** The CC measurement-register index (1 = RTMR0). */
    public int index() {
        return index;
    }
}
