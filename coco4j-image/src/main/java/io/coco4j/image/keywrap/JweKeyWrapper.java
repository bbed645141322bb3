package io.coco4j.image.keywrap;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import io.coco4j.protocol.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ocicrypt's {@code jwe} scheme: the private options encrypted (A256GCM) to each recipient's public
 * key, RSA keys with {@code RSA-OAEP} (SHA-1, as go-jose and skopeo use it) and EC keys with
 * {@code ECDH-ES+A256KW}, one flattened JSON JWE per recipient.
 */
public final class JweKeyWrapper implements KeyWrapper {

    private final List<PublicKey> recipients;

    public JweKeyWrapper(List<PublicKey> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a JWE wrapper needs at least one recipient key");
        }
        this.recipients = List.copyOf(recipients);
    }

    @Override
    public String annotationKey() {
        return EncryptionAnnotations.JWE;
    }

    @Override
    public List<byte[]> wrap(byte[] privateOptionsJson) throws KeyWrapException {
        List<byte[]> entries = new ArrayList<>();
        for (PublicKey recipient : recipients) {
            entries.add(encryptTo(recipient, privateOptionsJson));
        }
        return entries;
    }

    private static byte[] encryptTo(PublicKey recipient, byte[] payload) throws KeyWrapException {
        JWEAlgorithm algorithm;
        JWEEncrypter encrypter;
        try {
            if (recipient instanceof RSAPublicKey rsa) {
                algorithm = JWEAlgorithm.RSA_OAEP;
                encrypter = new RSAEncrypter(rsa);
            } else if (recipient instanceof ECPublicKey ec) {
                algorithm = JWEAlgorithm.ECDH_ES_A256KW;
                encrypter = new ECDHEncrypter(ec);
            } else {
                throw new KeyWrapException("unsupported JWE recipient key type " + recipient.getAlgorithm() + " (RSA or EC)");
            }
            JWEObject jwe = new JWEObject(new JWEHeader(algorithm, EncryptionMethod.A256GCM), new Payload(payload));
            jwe.encrypt(encrypter);
            String[] parts = jwe.serialize().split("\\.", -1);
            Map<String, String> flattened = new LinkedHashMap<>();
            flattened.put("protected", parts[0]);
            flattened.put("encrypted_key", parts[1]);
            flattened.put("iv", parts[2]);
            flattened.put("ciphertext", parts[3]);
            flattened.put("tag", parts[4]);
            return Json.write(flattened).getBytes(StandardCharsets.US_ASCII);
        } catch (JOSEException e) {
            throw new KeyWrapException("JWE encryption to the recipient key failed: " + e.getMessage(), e);
        }
    }
}
