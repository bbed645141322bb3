package io.coco4j.kbs.server;

/** The KBS cannot start with this configuration; the message says what to change. */
public final class StartupException extends Exception {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
