package io.coco4j.guest.kbs;

import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * A TEE key pair whose private half can travel as PEM, as the attestation agent hands it out with a
 * {@code kbs} token ({@code tee_keypair}): PKCS#8 ({@code BEGIN PRIVATE KEY}) for EC keys, PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) for RSA keys. The PEM is the private key: callers must never log it.
 */
public final class TeeKeyPem {

    private TeeKeyPem() {
    }

    /** A fresh key pair whose private key can later be exported with {@link #privateKeyPem(KeyPair)}. */
    public static KeyPair generate(TeeKeyAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case EC_P256 -> CryptoProviders.get().generateEcKeyPair("secp256r1");
                case EC_P521 -> CryptoProviders.get().generateEcKeyPair("secp521r1");
                case RSA_OAEP_256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                    yield generator.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm.configName() + " key pair", e);
        }
    }

    /** The private key as PEM: PKCS#1 for RSA, PKCS#8 otherwise. */
    public static String privateKeyPem(KeyPair keyPair) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            PrivateKey key = keyPair.getPrivate();
            if (key instanceof RSAPrivateCrtKey) {
                writer.writeObject(key); // traditional OpenSSL form: BEGIN RSA PRIVATE KEY
            } else {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the TEE private key", e);
        }
        return out.toString();
    }

    /**
     * Reads a TEE key pair from its private key PEM (PKCS#1 RSA, PKCS#8, or SEC1 EC), deriving the
     * public half. The key type decides the algorithm: P-256 and P-521 keys are for ECDH-ES+A256KW,
     * RSA keys for RSA-OAEP-256.
     *
     * @throws IllegalArgumentException when the text is not such a key (the message never quotes it)
     */
    public static TeeKeyPair parse(String pem) {
        KeyPair keyPair;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                keyPair = converter.getKeyPair(pair);
            } else if (object instanceof PrivateKeyInfo info) {
                PrivateKey privateKey = converter.getPrivateKey(info);
                keyPair = new KeyPair(publicOf(privateKey), privateKey);
            } else {
                throw new IllegalArgumentException("the TEE key is not a PEM private key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the TEE key is not a readable PEM private key");
        }
        return TeeKeyPair.of(algorithmOf(keyPair.getPrivate()), keyPair);
    }

    private static TeeKeyAlgorithm algorithmOf(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> TeeKeyAlgorithm.EC_P256;
                case 521 -> TeeKeyAlgorithm.EC_P521;
                default -> throw new IllegalArgumentException("unsupported TEE key curve of " + bits + " bits");
            };
        }
        if (key instanceof RSAPrivateCrtKey) {
            return TeeKeyAlgorithm.RSA_OAEP_256;
        }
        throw new IllegalArgumentException("unsupported TEE key type " + key.getAlgorithm());
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof ECPrivateKey ec) {
            String curve = switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 256 -> "secp256r1";
                case 384 -> "secp384r1";
                case 521 -> "secp521r1";
                default -> throw new GeneralSecurityException("unsupported curve");
            };
            ECNamedCurveParameterSpec named = ECNamedCurveTable.getParameterSpec(curve);
            ECPoint q = named.getG().multiply(ec.getS()).normalize();
            java.security.spec.ECPoint point = new java.security.spec.ECPoint(
                    q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ec.getParams()));
        }
        throw new GeneralSecurityException("unsupported key type " + key.getAlgorithm());
    }
}
