package io.coco4j.guest.initdata;

/** An init-data document that cannot be used (not TOML, missing members, unknown algorithm). */
public final class InitDataException extends Exception {

    public InitDataException(String message) {
        super(message);
    }
}
