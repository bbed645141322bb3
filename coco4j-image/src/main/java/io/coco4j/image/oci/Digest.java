package io.coco4j.image.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest {@code algorithm:hex} as OCI descriptors carry it. Only {@code sha256} and
 * {@code sha512} are accepted: they are the registered algorithms, and a digest that cannot be
 * verified must not be trusted.
 */
public record Digest(String algorithm, String hex) {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        Pattern pattern = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "' (sha256 or sha512)");
        };
        if (!pattern.matcher(hex).matches()) {
            throw new IllegalArgumentException("malformed " + algorithm + " digest value");
        }
    }

    @JsonCreator
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "digest");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a digest (expected algorithm:hex): " + abbreviate(text));
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(messageDigest("sha256").digest(content)));
    }

    /** The digest of what {@code md} has consumed, {@code md} being {@link #newMessageDigest()} of this algorithm. */
    public static Digest of(String algorithm, MessageDigest md) {
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
    }

    /** A fresh JCA digest engine for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        return messageDigest(algorithm);
    }

    /** A digest engine of this algorithm that has consumed {@code content}. */
    public MessageDigest newMessageDigestOver(byte[] content) {
        MessageDigest md = newMessageDigest();
        md.update(content);
        return md;
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** Where the blob lives inside an OCI layout: {@code blobs/<algorithm>/<hex>}. */
    public String blobPath() {
        return "blobs/" + algorithm + "/" + hex;
    }

    /** The first 12 hex digits, for messages and progress lines. */
    public String shortForm() {
        return algorithm + ":" + hex.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
