package io.coco4j.image.attacks;

import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import io.coco4j.protocol.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made {@code jwe} key-wrap entries, with headers the wrapper itself would never write. */
final class HostileJweEntries {

    private HostileJweEntries() {
    }

    /** A flattened JSON JWE as go-jose writes it. */
    static byte[] entry(JWEHeader header, byte[] payload, RSAPublicKey recipient) throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(payload));
        jwe.encrypt(new RSAEncrypter(recipient));
        String[] parts = jwe.serialize().split("\\.", -1);
        Map<String, String> flattened = new LinkedHashMap<>();
        flattened.put("protected", parts[0]);
        flattened.put("encrypted_key", parts[1]);
        flattened.put("iv", parts[2]);
        flattened.put("ciphertext", parts[3]);
        flattened.put("tag", parts[4]);
        return Json.write(flattened).getBytes(StandardCharsets.US_ASCII);
    }
}
