package io.coco4j.image.keywrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEObjectJSON;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.List;

/** Opens {@code jwe} entries (flattened or general JSON, as go-jose writes them) with private keys. */
public final class JweKeyUnwrapper implements KeyUnwrapper {

    private final List<PrivateKey> keys;

    public JweKeyUnwrapper(List<PrivateKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a JWE unwrapper needs at least one private key");
        }
        this.keys = List.copyOf(keys);
    }

    @Override
    public String annotationKey() {
        return EncryptionAnnotations.JWE;
    }

    @Override
    public byte[] unwrap(byte[] entry) throws KeyUnwrapException {
        for (PrivateKey key : keys) {
            JWEObjectJSON jwe;
            try {
                jwe = JWEObjectJSON.parse(new String(entry, StandardCharsets.UTF_8));
            } catch (java.text.ParseException e) {
                throw new KeyUnwrapException("the jwe entry is not a JSON-serialised JWE: " + e.getMessage());
            } catch (RuntimeException e) {
                // nimbus-jose-jwt 10.10 throws NullPointerException for a protected header without "enc"
                throw new KeyUnwrapException("the jwe entry is not a JSON-serialised JWE: " + e.getClass().getSimpleName());
            }
            try {
                jwe.decrypt(decrypter(key));
                return jwe.getPayload().toBytes();
            } catch (JOSEException | IllegalStateException e) {
                // not for this key: try the next one
            }
        }
        throw new KeyUnwrapException("none of the " + keys.size() + " private key(s) opens the layer's jwe entry");
    }

    private static JWEDecrypter decrypter(PrivateKey key) throws JOSEException {
        if (key instanceof ECPrivateKey ec) {
            return new ECDHDecrypter(ec);
        }
        if ("RSA".equals(key.getAlgorithm())) {
            return new RSADecrypter(key);
        }
        throw new JOSEException("unsupported private key type " + key.getAlgorithm());
    }
}
