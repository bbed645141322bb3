package io.coco4j.kbs.admin;

import io.coco4j.kbs.jwks.JwsAlgorithm;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A private key that signs admin tokens, with the JWS algorithm that fits it: Ed25519 → {@code EdDSA},
 * EC P-256 → {@code ES256}, EC P-384 → {@code ES384}, RSA → {@code RS256}.
 */
public record AdminSigningKey(PrivateKey privateKey, JwsAlgorithm algorithm) {

    /** Reads an unencrypted PEM private key ({@code PRIVATE KEY}, {@code EC PRIVATE KEY} or {@code RSA PRIVATE KEY}). */
    public static AdminSigningKey load(Path file) throws IOException {
        byte[] der;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            if (object instanceof PrivateKeyInfo info) {
                der = info.getEncoded();
            } else if (object instanceof PEMKeyPair pair) {
                der = pair.getPrivateKeyInfo().getEncoded();
            } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new IOException(file + " holds an encrypted private key; decrypt it first");
            } else {
                throw new IOException(file + " holds no PEM private key");
            }
        }
        for (String algorithm : new String[] {"Ed25519", "EC", "RSA"}) {
            try {
                return of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Not this key type; try the next.
            }
        }
        throw new IOException(file + " holds a private key that is neither Ed25519, EC nor RSA");
    }

    /** The key with the algorithm that fits it. */
    public static AdminSigningKey of(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> new AdminSigningKey(key, JwsAlgorithm.ES256);
                case 384 -> new AdminSigningKey(key, JwsAlgorithm.ES384);
                default -> throw new IllegalArgumentException("EC keys on a " + bits + "-bit curve cannot sign admin tokens");
            };
        }
        return switch (key.getAlgorithm()) {
            case "RSA" -> new AdminSigningKey(key, JwsAlgorithm.RS256);
            case "Ed25519", "EdDSA" -> new AdminSigningKey(key, JwsAlgorithm.EDDSA);
            default -> throw new IllegalArgumentException(key.getAlgorithm() + " keys cannot sign admin tokens");
        };
    }

    /** The JWS signature over {@code signingInput}. */
    public byte[] sign(byte[] signingInput) {
        String jca = switch (algorithm) {
            case ES256 -> "SHA256withECDSAinP1363Format";
            case ES384 -> "SHA384withECDSAinP1363Format";
            case RS256 -> "SHA256withRSA";
            case EDDSA -> "Ed25519";
            default -> throw new IllegalStateException(algorithm.name());
        };
        try {
            Signature signature = Signature.getInstance(jca);
            signature.initSign(privateKey);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm.joseName(), e);
        }
    }

    @Override
    public String toString() {
        return "AdminSigningKey[" + algorithm.joseName() + "]";
    }
}
