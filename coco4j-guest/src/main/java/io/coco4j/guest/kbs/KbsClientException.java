package io.coco4j.guest.kbs;

import io.coco4j.protocol.error.ErrorInformation;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A KBS client operation failed. Subtypes say why; when the KBS answered, the HTTP status and the
 * server's {@code {type, detail}} error body travel with the exception and are part of its message.
 */
public abstract sealed class KbsClientException extends Exception
        permits KbsAttestationException, KbsUnauthorizedException, KbsResourceNotFoundException,
        KbsHttpStatusException, KbsProtocolException, KbsTransportException, KbsEvidenceException {

    /** Longest server detail quoted in a message; error bodies are the server's words, not ours. */
    private static final int MAX_DETAIL = 512;

    private final int httpStatus;
    private final transient ErrorInformation errorInformation;

    KbsClientException(String message, int httpStatus, ErrorInformation errorInformation, Throwable cause) {
        super(describe(message, httpStatus, errorInformation), cause);
        this.httpStatus = httpStatus;
        this.errorInformation = errorInformation;
    }

    /** The HTTP status of the KBS answer that caused this failure, if there was one. */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /** The KBS error body ({@code type}, {@code detail}), if the answer carried one. */
    public Optional<ErrorInformation> errorInformation() {
        return Optional.ofNullable(errorInformation);
    }

    private static String describe(String message, int status, ErrorInformation error) {
        if (status <= 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message).append(" (HTTP ").append(status);
        if (error != null) {
            out.append(' ').append(oneLine(error.variant()));
            if (!error.detail().isBlank()) {
                out.append(": ").append(oneLine(error.detail()));
            }
        }
        return out.append(')').toString();
    }

    /** Server text in one line, control characters removed and length bounded. */
    static String oneLine(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "…";
    }
}
