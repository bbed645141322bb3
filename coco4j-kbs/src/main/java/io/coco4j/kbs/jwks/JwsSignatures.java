package io.coco4j.kbs.jwks;

import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.crypto.Primitive;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Checks a compact JWS signature with a public key. ECDSA and RSA go through nimbus-jose-jwt (which
 * checks that the algorithm fits the curve and the signature length) on the provider the crypto
 * facade chose for that primitive; Ed25519 through the facade's {@code Ed25519} signature engine.
 */
public final class JwsSignatures {

    private JwsSignatures() {
    }

    /**
     * @return whether the signature verifies
     * @throws JwsException when the algorithm does not fit the key
     */
    public static boolean verify(CompactJws jws, JwsAlgorithm algorithm, PublicKey key) throws JwsException {
        try {
            if (algorithm.isEcdsa()) {
                if (!(key instanceof ECPublicKey ec)) {
                    throw mismatch(algorithm, key);
                }
                ECDSAVerifier verifier = new ECDSAVerifier(ec);
                verifier.getJCAContext().setProvider(CryptoProviders.get().provider(CryptoProviders.primitiveFor(ec.getParams())));
                JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.joseName());
                if (!verifier.supportedJWSAlgorithms().contains(alg)) {
                    throw new JwsException(algorithm.joseName() + " does not fit the curve of this EC key");
                }
                return verifier.verify(new JWSHeader(alg), jws.signingInput(), Base64URL.encode(jws.signature()));
            }
            if (algorithm.isRsa()) {
                if (!(key instanceof RSAPublicKey rsa)) {
                    throw mismatch(algorithm, key);
                }
                RSASSAVerifier verifier = new RSASSAVerifier(rsa);
                verifier.getJCAContext().setProvider(CryptoProviders.get().provider(Primitive.RSA));
                return verifier.verify(new JWSHeader(JWSAlgorithm.parse(algorithm.joseName())),
                        jws.signingInput(), Base64URL.encode(jws.signature()));
            }
            if (!(key instanceof EdECPublicKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
                throw mismatch(algorithm, key);
            }
            byte[] signature = jws.signature();
            if (signature.length != 64) {
                return false;
            }
            Signature verifier = CryptoProviders.get().signature("Ed25519", key);
            verifier.initVerify(key);
            verifier.update(jws.signingInput());
            return verifier.verify(signature);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new JwsException("cannot check a " + algorithm.joseName() + " signature with this "
                    + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    private static JwsException mismatch(JwsAlgorithm algorithm, PublicKey key) {
        return new JwsException(algorithm.joseName() + " does not fit a " + key.getAlgorithm() + " key");
    }
}
