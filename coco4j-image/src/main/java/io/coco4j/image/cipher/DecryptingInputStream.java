package io.coco4j.image.cipher;

import io.coco4j.image.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Decrypts an {@code AES_256_CTR_HMAC_SHA256} layer chunk by chunk, holding back the most recent chunk
 * until the next one (or the end) has been read, and checking HMAC and digest at the end before the
 * held-back bytes are released. Memory: three chunk buffers, whatever the layer's size.
 */
final class DecryptingInputStream extends InputStream {

    private static final int CHUNK = AesCtrHmacSha256.CHUNK;

    private final InputStream in;
    private final Cipher cipher;
    private final Mac mac;
    private final MessageDigest sha;
    private final byte[] expectedHmac;
    private final Digest expectedDigest;

    private final byte[] ciphertext = new byte[CHUNK];
    private byte[] releasing = new byte[CHUNK]; // being handed out
    private int releasingLength;
    private int releasingPosition;
    private byte[] held = new byte[CHUNK];      // decrypted, not yet released
    private int heldLength;
    private byte[] fresh = new byte[CHUNK];
    private boolean ended;
    private boolean verified;
    private IOException failure;

    DecryptingInputStream(InputStream in, Cipher cipher, Mac mac, byte[] expectedHmac, Digest expectedDigest) {
        this.in = in;
        this.cipher = cipher;
        this.mac = mac;
        this.expectedHmac = expectedHmac;
        this.expectedDigest = expectedDigest;
        this.sha = expectedDigest.newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        while (releasingPosition == releasingLength) {
            if (verified && heldLength == 0) {
                return -1;
            }
            advance();
        }
        int n = Math.min(len, releasingLength - releasingPosition);
        System.arraycopy(releasing, releasingPosition, b, off, n);
        releasingPosition += n;
        return n;
    }

    /** Moves the held chunk to release and decrypts the next one; verifies at the end. */
    private void advance() throws IOException {
        if (ended) {
            // verified: the held bytes (the last chunk) may now go out
            swapHeldToReleasing();
            return;
        }
        int n;
        try {
            n = AesCtrHmacSha256.readFully(in, ciphertext);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        int m = 0;
        if (n > 0) {
            mac.update(ciphertext, 0, n);
            m = AesCtrHmacSha256.update(cipher, ciphertext, n, fresh);
            sha.update(fresh, 0, m);
        }
        if (n < CHUNK) {
            ended = true;
            finish();
        }
        // release what was held, hold what was just decrypted
        byte[] spare = releasing;
        releasing = held;
        releasingLength = heldLength;
        releasingPosition = 0;
        held = fresh;
        heldLength = m;
        fresh = spare;
    }

    private void swapHeldToReleasing() {
        byte[] spare = releasing;
        releasing = held;
        releasingLength = heldLength;
        releasingPosition = 0;
        held = spare;
        heldLength = 0;
    }

    private void finish() throws LayerIntegrityException {
        try {
            cipher.doFinal(); // CTR has nothing buffered; resets the engine
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
        byte[] tag = mac.doFinal();
        if (!MessageDigest.isEqual(tag, expectedHmac)) {
            failure = new LayerIntegrityException("the layer's HMAC does not match: the ciphertext was altered or truncated, "
                    + "or the layer key is wrong");
            throw (LayerIntegrityException) failure;
        }
        Digest actual = Digest.of(expectedDigest.algorithm(), sha);
        if (!actual.equals(expectedDigest)) {
            failure = new LayerIntegrityException("the decrypted layer's digest " + actual + " is not the " + expectedDigest
                    + " its key was issued for");
            throw (LayerIntegrityException) failure;
        }
        verified = true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
