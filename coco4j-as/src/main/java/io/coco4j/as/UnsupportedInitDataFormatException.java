package io.coco4j.as;

/** The init-data is in a format other than {@code toml} (the reference documents {@code json} but accepts only TOML). */
public final class UnsupportedInitDataFormatException extends InitDataException {

    public UnsupportedInitDataFormatException(String message) {
        super(message);
    }
}
