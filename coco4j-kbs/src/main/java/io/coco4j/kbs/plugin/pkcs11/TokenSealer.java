package io.coco4j.kbs.plugin.pkcs11;

import io.coco4j.kbs.plugin.PluginInitializationException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals resources with an AES-256 key that lives in a PKCS#11 token and never leaves it: the JDK's
 * SunPKCS11 provider runs AES-GCM inside the token. The key is created on first use and kept as a
 * token object under a fixed label. A sealed resource is {@code IV (12) || ciphertext || tag (16)},
 * authenticated together with its resource path, so a sealed value moved to another path does not open.
 */
final class TokenSealer {

    static final String KEY_LABEL = "coco4j-kbs-resources";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    private final Provider provider;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private TokenSealer(Provider provider, SecretKey key) {
        this.provider = provider;
        this.key = key;
    }

    static TokenSealer open(Pkcs11Settings settings) throws PluginInitializationException {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new PluginInitializationException("pkcs11 plugin: this JDK has no SunPKCS11 provider");
        }
        String config = "--name = coco4j-kbs-" + PROVIDERS.incrementAndGet() + "\n"
                + "library = " + settings.module() + "\n"
                + "slotListIndex = " + settings.slotIndex() + "\n";
        Provider provider;
        try {
            provider = base.configure(config);
        } catch (RuntimeException e) {
            throw new PluginInitializationException("pkcs11 plugin: cannot load " + settings.module() + " slot " + settings.slotIndex()
                    + ": " + rootMessage(e), e);
        }
        char[] pin = settings.pin();
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            Key existing = store.getKey(KEY_LABEL, null);
            if (existing instanceof SecretKey secret) {
                return new TokenSealer(provider, secret);
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            // a generated key is a session object; the key store entry makes it a token object
            store.setEntry(KEY_LABEL, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
            return new TokenSealer(provider, (SecretKey) store.getKey(KEY_LABEL, null));
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new PluginInitializationException("pkcs11 plugin: cannot log in to the token or set up its key: " + rootMessage(e), e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    byte[] seal(String path, byte[] plaintext) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad(path));
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    }

    byte[] open(String path, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("sealed resource is truncated");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(aad(path));
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }

    String describe() {
        return provider.getName();
    }

    private static byte[] aad(String path) {
        return ("coco4j-pkcs11-resource:" + path).getBytes(StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
