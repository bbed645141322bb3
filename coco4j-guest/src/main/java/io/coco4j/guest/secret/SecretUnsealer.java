package io.coco4j.guest.secret;

import io.coco4j.protocol.crypto.CryptoProviders;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unseals secrets: verifies the signature (unless verification is switched off), then fetches a
 * {@code vault} secret from its provider, or decrypts an {@code envelope} secret with the data key its
 * KMS unwraps ({@code A256GCM}: 12-byte IV, ciphertext‖tag, no AAD; {@code A256CTR}: 16-byte IV).
 * Provider names are case-insensitive. Providers the reference knows but coco4j does not implement
 * are refused by name.
 */
public final class SecretUnsealer {

    /** KMS providers of the reference that coco4j does not implement (yet). */
    public static final Set<String> KNOWN_UNIMPLEMENTED = Set.of("aliyun", "aws", "ehsm");

    private final VerificationKeys keys;
    private final Map<String, SecretStore> stores;
    private final Map<String, EnvelopeKeyDecryptor> decryptors;
    private final boolean skipVerification;

    public SecretUnsealer(VerificationKeys keys, Map<String, SecretStore> stores, Map<String, EnvelopeKeyDecryptor> decryptors,
                          boolean skipVerification) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.stores = lowerCaseKeys(stores);
        this.decryptors = lowerCaseKeys(decryptors);
        this.skipVerification = skipVerification;
    }

    private static <T> Map<String, T> lowerCaseKeys(Map<String, T> map) {
        Map<String, T> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(out);
    }

    /** The plaintext of a sealed secret (UTF-8 text of the {@code sealed.…} form). */
    public byte[] unseal(byte[] sealed) throws SealedSecretException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sealed)).toString();
        } catch (CharacterCodingException e) {
            throw new SealedSecretException("the sealed secret is not UTF-8 text");
        }
        SecretPayload payload;
        if (skipVerification) {
            payload = SealedSecret.unverifiedPayload(text);
        } else {
            SealedSecret secret = SealedSecret.parse(text);
            secret.verify(keys.publicJwk(secret.kid()));
            payload = secret.payload();
        }
        return open(payload);
    }

    private byte[] open(SecretPayload payload) throws SealedSecretException {
        String provider = payload.provider().toLowerCase(Locale.ROOT);
        if (payload instanceof SecretPayload.Vault vault) {
            SecretStore store = stores.get(provider);
            if (store == null) {
                throw unavailable("vault", payload.provider(), stores.keySet());
            }
            return store.getSecret(vault.name(), vault.annotations());
        }
        SecretPayload.Envelope envelope = (SecretPayload.Envelope) payload;
        EnvelopeKeyDecryptor decryptor = decryptors.get(provider);
        if (decryptor == null) {
            throw unavailable("envelope", payload.provider(), decryptors.keySet());
        }
        byte[] key = decryptor.decryptKey(SecretPayload.base64(envelope.encryptedKey(), "encrypted_key"), envelope.keyId(),
                envelope.annotations());
        try {
            return decrypt(envelope.wrapType(), key, SecretPayload.base64(envelope.encryptedData(), "encrypted_data"),
                    SecretPayload.base64(envelope.iv(), "iv"));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static SealedSecretException unavailable(String type, String provider, Set<String> available) {
        String name = provider.toLowerCase(Locale.ROOT);
        String supported = available.isEmpty() ? "none" : String.join(", ", available);
        if (KNOWN_UNIMPLEMENTED.contains(name)) {
            return new SealedSecretException("the " + type + " secret's KMS provider '" + provider
                    + "' is not supported by coco4j (supported for " + type + " secrets: " + supported + ")");
        }
        return new SealedSecretException("unknown KMS provider '" + provider + "' in the " + type
                + " secret (supported for " + type + " secrets: " + supported + ")");
    }

    /** Decrypts envelope data with its data key. */
    static byte[] decrypt(String wrapType, byte[] key, byte[] data, byte[] iv) throws SealedSecretException {
        if (key.length != 32) {
            throw new SealedSecretException("the envelope data key is " + key.length + " bytes, expected 32");
        }
        try {
            switch (wrapType) {
                case "A256GCM" -> {
                    if (iv.length != 12) {
                        throw new SealedSecretException("A256GCM needs a 12-byte IV, got " + iv.length);
                    }
                    Cipher cipher = CryptoProviders.get().cipher("AES/GCM/NoPadding");
                    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
                    return cipher.doFinal(data);
                }
                case "A256CTR" -> {
                    if (iv.length != 16) {
                        throw new SealedSecretException("A256CTR needs a 16-byte IV, got " + iv.length);
                    }
                    Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
                    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                    return cipher.doFinal(data);
                }
                default -> throw new SealedSecretException("unsupported wrap_type '" + wrapType + "' (expected A256GCM or A256CTR)");
            }
        } catch (GeneralSecurityException e) {
            throw new SealedSecretException("the envelope data does not decrypt with its data key");
        }
    }
}
