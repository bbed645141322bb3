package io.coco4j.protocol.jose;

import java.util.Base64;

/** RFC 4648 §5 base64url without padding, as every JOSE member; decoding tolerates padding. */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /** Decodes base64url; throws {@link IllegalArgumentException} naming the member on bad input. */
    public static byte[] decode(String value, String member) {
        if (value == null) {
            throw new IllegalArgumentException(member + " is missing");
        }
        try {
            return DECODER.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(member + " is not base64url", e);
        }
    }
}
