package io.coco4j.kbs.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The layout of the chain in storage: namespace {@code audit_log} holds record {@code n} under the
 * 20-digit decimal key of {@code n} (so keys sort as numbers), starting at 1; namespace
 * {@code audit_checkpoint} holds the checkpoint signed at record {@code n} under the same key. A
 * record's hash is the SHA-384 of its stored bytes; record 1 links to 96 zeros.
 */
public final class AuditChain {

    public static final String RECORDS = "audit_log";
    public static final String CHECKPOINTS = "audit_checkpoint";
    public static final String GENESIS = "0".repeat(96);
    /** The JWS {@code typ} of checkpoints. */
    public static final String CHECKPOINT_TYPE = "coco4j-audit-checkpoint";

    private AuditChain() {
    }

    public static String key(long sequence) {
        return String.format("%020d", sequence);
    }

    /** The sequence number a key stands for; empty for anything that is not exactly 20 digits. */
    public static Optional<Long> sequence(String key) {
        if (key.length() != 20 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static String hash(byte[] storedRecord) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384").digest(storedRecord));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is missing from this JDK", e);
        }
    }

    public static String sha384(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }
}
