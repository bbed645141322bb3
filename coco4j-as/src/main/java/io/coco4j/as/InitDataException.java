package io.coco4j.as;

/** The init-data document cannot be used: not TOML, missing members, an unknown hash algorithm. */
public class InitDataException extends AttestationException {

    public InitDataException(String message) {
        super(message);
    }

    public InitDataException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.INIT_DATA;
    }
}
