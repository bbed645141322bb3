package io.coco4j.protocol.jose;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens a resource JWE with the guest's TEE key. The AAD is the received {@code protected} string
 * itself, so any header the KBS emits authenticates as sent.
 */
public final class ResourceDecryptor {

    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;

    private ResourceDecryptor() {
    }

    public static byte[] decrypt(JweResponse jwe, TeeKeyPair keys) throws JweException {
        JsonNode header;
        try {
            header = Json.readTree(Base64Url.decode(jwe.protectedHeader(), "protected"));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new JweException("the JWE protected header is not base64url JSON", e);
        }
        String alg = header.path("alg").asText("");
        if (!JoseAlgorithms.A256GCM.equals(header.path("enc").asText(""))) {
            throw new JweException("unsupported content encryption '" + header.path("enc").asText("") + "'");
        }
        byte[] cek = null;
        try {
            byte[] encryptedKey = Base64Url.decode(jwe.encryptedKey(), "encrypted_key");
            cek = switch (keys.algorithm()) {
                case EC_P256, EC_P521 -> unwrapEcdh(alg, header.path("epk"), encryptedKey, keys);
                case RSA_OAEP_256 -> unwrapRsa(alg, encryptedKey, keys);
            };
            byte[] iv = Base64Url.decode(jwe.iv(), "iv");
            byte[] tag = Base64Url.decode(jwe.tag(), "tag");
            if (iv.length != IV_BYTES || tag.length != TAG_BYTES) {
                throw new JweException("the JWE iv must be 12 bytes and its tag 16 bytes");
            }
            byte[] ciphertext = Base64Url.decode(jwe.ciphertext(), "ciphertext");
            Cipher gcm = CryptoProviders.get().cipher("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            gcm.updateAAD(jwe.protectedHeader().getBytes(StandardCharsets.US_ASCII));
            gcm.update(ciphertext);
            return gcm.doFinal(tag);
        } catch (GeneralSecurityException e) {
            throw new JweException("the resource JWE does not decrypt with this TEE key (" + e.getClass().getSimpleName() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new JweException(e.getMessage(), e);
        } finally {
            if (cek != null) {
                Arrays.fill(cek, (byte) 0);
            }
        }
    }

    private static byte[] unwrapEcdh(String alg, JsonNode epkNode, byte[] encryptedKey, TeeKeyPair keys)
            throws JweException, GeneralSecurityException {
        if (!JoseAlgorithms.ECDH_ES_A256KW.equals(alg)) {
            throw new JweException("expected alg ECDH-ES+A256KW for an EC TEE key, got '" + alg + "'");
        }
        ECPublicKey ours = keys.ecPublicKey();
        EcCurve curve = EcCurve.of(ours.getParams());
        if (!curve.jwkName().equals(epkNode.path("crv").asText(""))) {
            throw new JweException("the JWE epk is not on our curve " + curve.jwkName());
        }
        ECPublicKey epk;
        try {
            epk = new EcTeePublicKey(curve.jwkName(), JoseAlgorithms.ECDH_ES_A256KW,
                    epkNode.path("x").asText(""), epkNode.path("y").asText("")).toPublicKey(TeePublicKey.KeyPolicy.DEFAULT);
        } catch (InvalidTeeKeyException e) {
            throw new JweException("invalid JWE epk: " + e.getMessage(), e);
        }
        KeyAgreement agreement = CryptoProviders.get().ecdh(curve.primitive());
        agreement.init(keys.privateKey());
        agreement.doPhase(epk, true);
        byte[] z = agreement.generateSecret();
        byte[] kek = ConcatKdf.deriveA256Kek(z, JoseAlgorithms.ECDH_ES_A256KW);
        Arrays.fill(z, (byte) 0);
        try {
            Cipher unwrap = CryptoProviders.get().cipher("AESWrap");
            unwrap.init(Cipher.UNWRAP_MODE, new SecretKeySpec(kek, "AES"));
            Key cek = unwrap.unwrap(encryptedKey, "AES", Cipher.SECRET_KEY);
            return cek.getEncoded();
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] unwrapRsa(String alg, byte[] encryptedKey, TeeKeyPair keys) throws JweException, GeneralSecurityException {
        if (!JoseAlgorithms.RSA_OAEP_256.equals(alg)) {
            throw new JweException("expected alg RSA-OAEP-256 for an RSA TEE key, got '" + alg + "'");
        }
        Cipher rsa = CryptoProviders.get().cipher("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, keys.privateKey(),
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return rsa.doFinal(encryptedKey);
    }
}
