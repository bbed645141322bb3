package io.coco4j.image.keywrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEObjectJSON;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Set;

/**
 * Opens {@code jwe} entries (flattened or general JSON, as go-jose writes them) with private keys.
 * Only the key management ocicrypt writes is tried (RSA-OAEP and ECDH-ES key wrapping): RSA1_5 is
 * refused before any private-key operation, so a pulled image cannot probe the key as a padding oracle.
 */
public final class JweKeyUnwrapper implements KeyUnwrapper {

    private static final Set<JWEAlgorithm> ACCEPTED = Set.of(JWEAlgorithm.RSA_OAEP, JWEAlgorithm.RSA_OAEP_256,
            JWEAlgorithm.ECDH_ES_A128KW, JWEAlgorithm.ECDH_ES_A192KW, JWEAlgorithm.ECDH_ES_A256KW);

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
            JWEAlgorithm algorithm = jwe.getHeader().getAlgorithm();
            if (algorithm == null) {
                throw new KeyUnwrapException("the jwe entry names no key management algorithm (\"alg\")");
            }
            if (!ACCEPTED.contains(algorithm)) {
                throw new KeyUnwrapException("the jwe entry uses key management " + algorithm + ", which is refused (accepted: "
                        + "RSA-OAEP, RSA-OAEP-256, ECDH-ES+A128KW/A192KW/A256KW)");
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
