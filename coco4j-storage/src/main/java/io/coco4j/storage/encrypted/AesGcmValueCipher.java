package io.coco4j.storage.encrypted;

import io.coco4j.storage.StorageException;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM with a random 96-bit nonce per value: {@code nonce ‖ ciphertext ‖ 128-bit tag}. The key
 * may live in a PKCS#11 token, whose provider then encrypts and decrypts inside the token; the key
 * bytes never reach this process.
 */
public final class AesGcmValueCipher implements ValueCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final Provider provider;
    private final String description;
    private final SecureRandom random = new SecureRandom();

    /** {@code provider} may be {@code null} for the JDK's default. */
    public AesGcmValueCipher(SecretKey key, Provider provider, String description) {
        this.key = key;
        this.provider = provider;
        this.description = description;
    }

    private Cipher cipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance("AES/GCM/NoPadding") : Cipher.getInstance("AES/GCM/NoPadding", provider);
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws StorageException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new StorageException("cannot encrypt a value with " + description + ": " + e, e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws StorageException {
        if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new StorageException("a stored value is too short to be AES-GCM ciphertext");
        }
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(ciphertext, NONCE_BYTES)));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new StorageException("a stored value failed authentication with " + description
                    + ": it was changed, moved to another key, or encrypted with another key", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new StorageException("cannot decrypt a value with " + description + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
