package io.coco4j.image.cipher;

/**
 * A decrypted layer failed its integrity check: the ciphertext HMAC or the plaintext digest does not
 * match, so the layer was altered, truncated, or decrypted with the wrong key. No byte of it may be used.
 */
public final class LayerIntegrityException extends LayerCipherException {

    public LayerIntegrityException(String message) {
        super(message);
    }
}
