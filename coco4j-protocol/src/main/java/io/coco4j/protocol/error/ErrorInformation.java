package io.coco4j.protocol.error;

import java.util.Objects;

/** The RFC 7807-style error body of every KBS error response: {@code {"type": ..., "detail": ...}}. */
public record ErrorInformation(String type, String detail) {

    public ErrorInformation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }

    public static ErrorInformation of(KbsErrorType type, String detail) {
        return new ErrorInformation(type.typeUri(), detail);
    }

    /** The variant name after the type prefix, or the whole type when it has another form. */
    public String variant() {
        return type.startsWith(KbsErrorType.TYPE_PREFIX) ? type.substring(KbsErrorType.TYPE_PREFIX.length()) : type;
    }
}
