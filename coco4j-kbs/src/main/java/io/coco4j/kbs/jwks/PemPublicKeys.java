package io.coco4j.kbs.jwks;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads a PEM public key the way the reference reads an admin {@code public_key_uri}: as EC, then
 * RSA, then Ed25519. {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code RSA PUBLIC KEY} (PKCS#1) and a
 * {@code CERTIFICATE}'s subject key are understood.
 */
public final class PemPublicKeys {

    private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "Ed25519"};

    private PemPublicKeys() {
    }

    public static PublicKey parse(byte[] pem, String source) throws KeySourceException {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeySourceException(source + " is not a PEM public key: " + e.getMessage(), e);
        }
        try {
            if (object instanceof SubjectPublicKeyInfo info) {
                return fromSubjectPublicKeyInfo(info.getEncoded(), source);
            }
            if (object instanceof X509CertificateHolder certificate) {
                return fromSubjectPublicKeyInfo(certificate.getSubjectPublicKeyInfo().getEncoded(), source);
            }
            if (object instanceof RSAPublicKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(positive(rsa.getModulus()), positive(rsa.getPublicExponent())));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeySourceException(source + " holds an unusable public key: " + e.getMessage(), e);
        }
        throw new KeySourceException(source + " holds no PEM public key"
                + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
    }

    private static PublicKey fromSubjectPublicKeyInfo(byte[] der, String source) throws KeySourceException {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException e) {
                // Not this algorithm; try the next one.
            }
        }
        throw new KeySourceException(source + " holds a public key that is neither EC, RSA nor Ed25519");
    }

    private static BigInteger positive(BigInteger value) {
        return value.signum() < 0 ? new BigInteger(1, value.toByteArray()) : value;
    }
}
