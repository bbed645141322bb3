package io.coco4j.image.keywrap;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Reads the recipient keys ocicrypt's {@code jwe} scheme takes: a public key (SPKI PEM or DER, or an
 * X.509 certificate) to encrypt to, a private key (PKCS#8, PKCS#1 or SEC1; PEM or DER) to decrypt.
 */
public final class KeyFiles {

    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private KeyFiles() {
    }

    public static PublicKey readPublicKey(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Object parsed = isPem(bytes) ? pemObject(bytes, file) : derPublic(bytes, file);
        try {
            if (parsed instanceof SubjectPublicKeyInfo spki) {
                return CONVERTER.getPublicKey(spki);
            }
            if (parsed instanceof X509CertificateHolder certificate) {
                return CONVERTER.getPublicKey(certificate.getSubjectPublicKeyInfo());
            }
            if (parsed instanceof PEMKeyPair pair) {
                return CONVERTER.getPublicKey(pair.getPublicKeyInfo());
            }
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IOException(file + ": unsupported public key: " + e.getMessage(), e);
        }
        throw new IOException(file + " holds no public key (expected a PEM or DER public key or certificate)");
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Object parsed = isPem(bytes) ? pemObject(bytes, file) : derPrivate(bytes, file);
        try {
            if (parsed instanceof PrivateKeyInfo info) {
                return CONVERTER.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return CONVERTER.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IOException(file + ": unsupported private key: " + e.getMessage(), e);
        }
        if (parsed instanceof org.bouncycastle.openssl.PEMEncryptedKeyPair
                || parsed instanceof org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo) {
            throw new IOException(file + " is a password-protected key; decrypt it first (openssl pkey -in FILE -out PLAIN)");
        }
        throw new IOException(file + " holds no private key (expected PKCS#8, PKCS#1 or SEC1, PEM or DER)");
    }

    private static boolean isPem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    private static Object pemObject(byte[] bytes, Path file) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (!(object instanceof org.bouncycastle.asn1.x9.X9ECParameters)
                        && !(object instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier)) {
                    return object; // skips "EC PARAMETERS" blocks openssl writes before EC keys
                }
            }
            return null;
        } catch (IOException e) {
            throw new IOException(file + " is not a readable PEM file: " + e.getMessage(), e);
        }
    }

    private static Object derPublic(byte[] bytes, Path file) throws IOException {
        try {
            return SubjectPublicKeyInfo.getInstance(bytes);
        } catch (RuntimeException e) {
            try {
                return new X509CertificateHolder(bytes);
            } catch (IOException | RuntimeException e2) {
                throw new IOException(file + " is neither PEM nor a DER public key or certificate");
            }
        }
    }

    private static Object derPrivate(byte[] bytes, Path file) throws IOException {
        try {
            return PrivateKeyInfo.getInstance(bytes);
        } catch (RuntimeException e) {
            throw new IOException(file + " is neither PEM nor a DER PKCS#8 private key");
        }
    }
}
