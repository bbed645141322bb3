package io.coco4j.image.cipher;

import io.coco4j.image.oci.Digest;
import io.coco4j.protocol.crypto.CryptoProviders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ocicrypt's layer cipher {@code AES_256_CTR_HMAC_SHA256}: AES-256 in CTR mode with the 16-byte nonce
 * as the whole initial counter block (big-endian, incremented over all 128 bits), then HMAC-SHA256
 * keyed with the same key over the whole ciphertext. The ciphertext is exactly as long as the
 * plaintext; the tag travels in the public options, not in the blob. Both directions stream in
 * fixed-size chunks, so memory does not grow with the layer.
 */
public final class AesCtrHmacSha256 {

    public static final String NAME = "AES_256_CTR_HMAC_SHA256";
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 16;
    public static final int HMAC_BYTES = 32;
    /** Chunk size of the streaming loops: large enough for the AES and SHA intrinsics to run at speed. */
    static final int CHUNK = 256 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesCtrHmacSha256() {
    }

    /** A fresh random key and nonce. */
    public static LayerKey generateKey() {
        byte[] key = new byte[KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(nonce);
        return new LayerKey(key, nonce);
    }

    /** A layer key: the AES/HMAC key and the initial counter block. */
    public record LayerKey(byte[] key, byte[] nonce) {
        public LayerKey {
            if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
                throw new IllegalArgumentException("AES_256_CTR_HMAC_SHA256 needs a 32-byte key and a 16-byte nonce");
            }
        }
    }

    /** What encrypting one layer produced: the options to wrap and to publish, and the plaintext's digest and size. */
    public record Result(PrivateLayerOptions privateOptions, PublicLayerOptions publicOptions, Digest plaintextDigest,
                         long plaintextSize) {
    }

    /**
     * Encrypts {@code plaintext} (the layer blob as stored, usually gzip) to {@code ciphertext} and
     * returns the options. The plaintext digest is computed on the way with sha256.
     */
    public static Result encrypt(InputStream plaintext, OutputStream ciphertext, LayerKey key) throws IOException {
        Cipher cipher = ctr(Cipher.ENCRYPT_MODE, key.key(), key.nonce());
        Mac mac = hmac(key.key());
        MessageDigest sha = sha256();
        byte[] in = new byte[CHUNK];
        byte[] out = new byte[CHUNK];
        long total = 0;
        int n;
        try {
            while ((n = readFully(plaintext, in)) > 0) {
                sha.update(in, 0, n);
                int m = cipher.update(in, 0, n, out, 0);
                mac.update(out, 0, m);
                ciphertext.write(out, 0, m);
                total += n;
                if (n < CHUNK) {
                    break;
                }
            }
            int last = cipher.doFinal(out, 0);
            if (last > 0) {
                mac.update(out, 0, last);
                ciphertext.write(out, 0, last);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
        Digest digest = Digest.of("sha256", sha);
        PrivateLayerOptions privateOptions = PrivateLayerOptions.of(key.key().clone(), digest, key.nonce().clone());
        PublicLayerOptions publicOptions = new PublicLayerOptions(NAME, mac.doFinal(), Map.of());
        return new Result(privateOptions, publicOptions, digest, total);
    }

    /**
     * A stream of the plaintext of {@code ciphertext}. The HMAC and the plaintext digest are checked
     * when the ciphertext ends; until then the last chunk is held back, and a mismatch is thrown as
     * {@link LayerIntegrityException} instead of the end of stream. Consumers must therefore read to
     * the end and treat their output as final only afterwards.
     */
    public static InputStream decrypt(InputStream ciphertext, PrivateLayerOptions privateOptions,
                                      PublicLayerOptions publicOptions) throws LayerCipherException {
        if (!NAME.equals(publicOptions.cipher())) {
            throw new LayerCipherException("unsupported layer cipher '" + publicOptions.cipher() + "' (only " + NAME + ")");
        }
        byte[] key = privateOptions.symmetricKey();
        byte[] nonce = privateOptions.nonce();
        if (key == null || key.length != KEY_BYTES) {
            throw new LayerCipherException("the layer key is not " + KEY_BYTES + " bytes");
        }
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new LayerCipherException("the layer nonce is not " + NONCE_BYTES + " bytes");
        }
        if (publicOptions.hmac() == null || publicOptions.hmac().length != HMAC_BYTES) {
            throw new LayerCipherException("the layer HMAC is missing or not " + HMAC_BYTES + " bytes");
        }
        Digest expected = privateOptions.plaintextDigest();
        return new DecryptingInputStream(ciphertext, ctr(Cipher.DECRYPT_MODE, key, nonce), hmac(key),
                publicOptions.hmac().clone(), expected);
    }

    static Cipher ctr(int mode, byte[] key, byte[] nonce) {
        try {
            Cipher cipher = CryptoProviders.get().cipher("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(nonce));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is unavailable", e);
        }
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Reads until {@code buffer} is full or the stream ends; the count read (0 at end of stream). */
    static int readFully(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static int update(Cipher cipher, byte[] in, int n, byte[] out) {
        try {
            return cipher.update(in, 0, n, out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
