package io.coco4j.kbs.crash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value that tells on its own whether it is whole: a first line naming the target it was
 * written to, its version, the length of the rest and a SHA-256 prefix over all of these and the
 * rest. A torn write (a prefix, zeros, the head of one version on the body of another) fails the
 * check; a whole value names its version. The first line is a Rego comment, so a policy can be a
 * payload too.
 */
record Payload(String target, long version, byte[] bytes) {

    private static final Pattern HEADER = Pattern.compile(
            "# coco4j-crash target=(\\S+) version=(\\d+) length=(\\d+) sha256=([0-9a-f]{32})");

    Payload {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Version {@code version} of {@code target} with {@code body} after the header. */
    static Payload of(String target, long version, byte[] body) {
        String header = "# coco4j-crash target=" + target + " version=" + version + " length=" + body.length + " sha256="
                + digest(target, version, body) + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, bytes, head.length, body.length);
        return new Payload(target, version, bytes);
    }

    /** Whether {@code stored} is exactly this payload. */
    boolean matches(byte[] stored) {
        return Arrays.equals(bytes, stored);
    }

    /** What a stored value is: a whole version of some target, or torn (and how). */
    static String describe(byte[] stored) {
        int newline = indexOf(stored, (byte) '\n');
        if (newline < 0) {
            return "torn (" + stored.length + " bytes, no header line)";
        }
        Matcher header = HEADER.matcher(new String(stored, 0, newline, StandardCharsets.US_ASCII));
        if (!header.matches()) {
            return "torn (" + stored.length + " bytes, no payload header)";
        }
        String target = header.group(1);
        long version = Long.parseLong(header.group(2));
        long length = Long.parseLong(header.group(3));
        byte[] body = Arrays.copyOfRange(stored, newline + 1, stored.length);
        if (body.length != length) {
            return "torn (header of version " + version + " of " + target + " announces " + length + " bytes, " + body.length
                    + " follow)";
        }
        if (!digest(target, version, body).equals(header.group(4))) {
            return "torn (header of version " + version + " of " + target + ", body of something else)";
        }
        return "whole version " + version + " of " + target + " (" + stored.length + " bytes)";
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String digest(String target, long version, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((target + "\n" + version + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
