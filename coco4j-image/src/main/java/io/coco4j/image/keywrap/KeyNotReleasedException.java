package io.coco4j.image.keywrap;

/**
 * The key broker did not release the key-encryption key: the resource policy denied this guest, its
 * attestation was refused, or the key does not exist. Messages start with {@code key not released:}.
 */
public final class KeyNotReleasedException extends KeyUnwrapException {

    /** Why the broker refused. */
    public enum Reason {
        POLICY_DENIED("policy denied"),
        ATTESTATION_REFUSED("attestation refused"),
        NOT_FOUND("no such key");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public KeyNotReleasedException(Reason reason, String detail, Throwable cause) {
        super("key not released: " + reason.text() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
