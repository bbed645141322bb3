package io.coco4j.verifier.eventlog;

import io.coco4j.verifier.MalformedEvidenceException;

/** The CC event log cannot be parsed, or one of its events does not have its type's structure. */
public final class MalformedEventLogException extends MalformedEvidenceException {

    public MalformedEventLogException(String message) {
        super(message);
    }
}
