package io.coco4j.image.keywrap;

import io.coco4j.protocol.crypto.CryptoProviders;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an AnnotationPacket's {@code wrapped_data} is encrypted under the KEK. {@code A256GCM}: 12-byte
 * IV, ciphertext‖16-byte tag, no AAD. {@code A256CTR}: 16-byte counter block and no integrity, which
 * is accepted on decrypt for old images but never written.
 */
public enum WrapType {
    A256GCM(12), A256CTR(16);

    public static final int KEK_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int ivBytes;

    WrapType(int ivBytes) {
        this.ivBytes = ivBytes;
    }

    public static Optional<WrapType> byName(String name) {
        for (WrapType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public int ivBytes() {
        return ivBytes;
    }

    public byte[] newIv() {
        byte[] iv = new byte[ivBytes];
        RANDOM.nextBytes(iv);
        return iv;
    }

    public byte[] encrypt(byte[] kek, byte[] iv, byte[] plaintext) throws KeyWrapException {
        checkKek(kek);
        try {
            return cipher(Cipher.ENCRYPT_MODE, kek, iv).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new KeyWrapException(name() + " wrapping failed", e);
        }
    }

    public byte[] decrypt(byte[] kek, byte[] iv, byte[] ciphertext) throws KeyUnwrapException {
        if (kek.length != KEK_BYTES) {
            throw new KeyUnwrapException("the key-encryption key is " + kek.length + " bytes, not " + KEK_BYTES);
        }
        if (iv.length != ivBytes) {
            throw new KeyUnwrapException(name() + " needs a " + ivBytes + "-byte iv, the packet has " + iv.length);
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, kek, iv).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new KeyUnwrapException("the wrapped layer key does not open with this KEK (wrong key, or the packet was altered)");
        } catch (GeneralSecurityException e) {
            throw new KeyUnwrapException(name() + " unwrapping failed: " + e.getClass().getSimpleName());
        }
    }

    private Cipher cipher(int mode, byte[] kek, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = CryptoProviders.get().cipher(this == A256GCM ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding");
        SecretKeySpec key = new SecretKeySpec(kek, "AES");
        if (this == A256GCM) {
            cipher.init(mode, key, new GCMParameterSpec(128, iv));
        } else {
            cipher.init(mode, key, new IvParameterSpec(iv));
        }
        return cipher;
    }

    private static void checkKek(byte[] kek) throws KeyWrapException {
        if (kek.length != KEK_BYTES) {
            throw new KeyWrapException("the key-encryption key must be " + KEK_BYTES + " bytes (AES-256), got " + kek.length);
        }
    }
}
