package io.coco4j.as;

/** The evaluation request is unusable as a whole (no evidence, no policy id). */
public final class InvalidAttestationRequestException extends AttestationException {

    public InvalidAttestationRequestException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID_REQUEST;
    }
}
