package io.coco4j.protocol.jose;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * NIST SP 800-56A Concat KDF with SHA-256 as JWA §4.6 uses it for {@code ECDH-ES+A256KW}: empty
 * PartyUInfo and PartyVInfo, a 256-bit key, so a single hash round.
 */
public final class ConcatKdf {

    private static final int KEY_BITS = 256;

    private ConcatKdf() {
    }

    public static byte[] deriveA256Kek(byte[] sharedSecret, String algorithmId) {
        byte[] alg = algorithmId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer input = ByteBuffer.allocate(4 + sharedSecret.length + 4 + alg.length + 4 + 4 + 4);
        input.putInt(1);                 // round counter
        input.put(sharedSecret);         // Z
        input.putInt(alg.length).put(alg); // AlgorithmID
        input.putInt(0);                 // PartyUInfo (empty)
        input.putInt(0);                 // PartyVInfo (empty)
        input.putInt(KEY_BITS);          // SuppPubInfo: keydatalen
        try {
            return MessageDigest.getInstance("SHA-256").digest(input.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
