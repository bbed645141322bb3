package io.coco4j.guest.attester;

/** The TEE could not produce evidence (device missing, driver error, report data too long, …). */
public class EvidenceException extends Exception {

    public EvidenceException(String message) {
        super(message);
    }

    public EvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
