package io.coco4j.guest.attester;

/** The platform was launched with other init-data than the digest being bound. */
public final class InitDataMismatchException extends EvidenceException {

    public InitDataMismatchException(String message) {
        super(message);
    }
}
