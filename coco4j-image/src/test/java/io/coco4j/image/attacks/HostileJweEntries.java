package io.coco4j.image.attacks;

import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWEObjectJSON;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;

/** Hand-made {@code jwe} key-wrap entries, with headers the wrapper itself would never write. */
final class HostileJweEntries {

    private HostileJweEntries() {
    }

    /** A flattened JSON JWE, as go-jose writes them. */
    static byte[] entry(JWEHeader header, byte[] payload, RSAPublicKey recipient) throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(payload));
        jwe.encrypt(new RSAEncrypter(recipient));
        return new JWEObjectJSON(jwe).serializeFlattened().getBytes(StandardCharsets.US_ASCII);
    }
}
