package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.jose.Base64Url;
import io.coco4j.protocol.jose.EcCurve;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The ES256 key that signs EAR tokens, and its public JWK as published in token headers and the
 * JWKS: {@code {"kty":"EC","crv":"P-256","alg":"ES256","x","y"}} with fixed 32-byte coordinates,
 * plus {@code x5u} and {@code x5c} (b64std DER, leaf first) when configured. Signatures go through
 * the crypto facade's P-256 provider.
 */
final class SigningKey implements TokenSigner {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    private static final X9ECParameters P256 = ECNamedCurveTable.getByName("secp256r1");

    private final PrivateKey privateKey;
    /** The provider that holds the private key (a PKCS#11 token's); empty for keys in this process. */
    private final Optional<java.security.Provider> keyProvider;
    private final ECPoint publicPoint;
    private final List<X509Certificate> chain;
    private final Optional<String> certUrl;
    private final ObjectNode jwk;

    private SigningKey(PrivateKey privateKey, ECPoint publicPoint, List<X509Certificate> chain, Optional<String> certUrl) {
        this(privateKey, Optional.empty(), publicPoint, chain, certUrl);
    }

    private SigningKey(PrivateKey privateKey, Optional<java.security.Provider> keyProvider, ECPoint publicPoint,
                       List<X509Certificate> chain, Optional<String> certUrl) {
        this.privateKey = privateKey;
        this.keyProvider = keyProvider;
        this.publicPoint = publicPoint;
        this.chain = List.copyOf(chain);
        this.certUrl = certUrl;
        this.jwk = buildJwk();
    }

    /** A fresh P-256 key for this process only; tokens it signs can be checked against the published JWKS. */
    static SigningKey ephemeral() throws SigningKeyException {
        try {
            KeyPair pair = CryptoProviders.get().generateEcKeyPair(EcCurve.P256.stdName());
            return new SigningKey(pair.getPrivate(), ((ECPublicKey) pair.getPublic()).getW(), List.of(), Optional.empty());
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException("cannot generate an ephemeral P-256 token signing key", e);
        }
    }

    static SigningKey load(SignerSettings settings) throws SigningKeyException {
        if (settings.key() instanceof SignerKeySource.Pkcs11Key pkcs11) {
            return loadFromToken(pkcs11, settings);
        }
        Path keyPath = ((SignerKeySource.PemFile) settings.key()).path();
        String pem;
        try {
            pem = Files.readString(keyPath, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SigningKeyException("cannot read the token signer key " + keyPath + ": " + e.getMessage(), e);
        }
        BigInteger d = readP256PrivateScalar(new StringReader(pem), keyPath);
        org.bouncycastle.math.ec.ECPoint q = P256.getG().multiply(d).normalize();
        ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        PrivateKey privateKey;
        try {
            KeyFactory factory = CryptoProviders.get().ecKeyFactory(EcCurve.P256.primitive());
            privateKey = factory.generatePrivate(new ECPrivateKeySpec(d, EcCurve.P256.params()));
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException("the token signer key " + keyPath + " is not usable", e);
        }
        List<X509Certificate> chain = settings.certPath().isPresent()
                ? readChain(settings.certPath().get(), point) : List.of();
        return new SigningKey(privateKey, point, chain, settings.certUrl());
    }

    /**
     * The key in a PKCS#11 token, generated there when the label is new. The published chain is
     * the configured one, else the certificate the token keeps with the key.
     */
    private static SigningKey loadFromToken(SignerKeySource.Pkcs11Key source, SignerSettings settings) throws SigningKeyException {
        try {
            io.coco4j.protocol.pkcs11.Pkcs11Token token = io.coco4j.protocol.pkcs11.Pkcs11Token.open(source.token());
            Optional<java.security.KeyStore.PrivateKeyEntry> found = token.privateKeyEntry(source.label());
            java.security.KeyStore.PrivateKeyEntry entry;
            if (found.isPresent()) {
                entry = found.get();
            } else {
                entry = token.generateEcKey(source.label(), EcCurve.P256.stdName(), "CN=coco4j attestation token signer",
                        java.time.Duration.ofDays(3650));
                LOG.warn("generated a P-256 token signing key in the PKCS#11 token: {}", source.describe());
            }
            if (!(entry.getCertificate().getPublicKey() instanceof ECPublicKey publicKey)
                    || publicKey.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new SigningKeyException("the token signer " + source.describe() + " is not a P-256 key; only ES256 keys are supported");
            }
            ECPoint point = publicKey.getW();
            List<X509Certificate> chain;
            if (settings.certPath().isPresent()) {
                chain = readChain(settings.certPath().get(), point);
            } else {
                chain = new ArrayList<>();
                for (Certificate certificate : entry.getCertificateChain()) {
                    chain.add((X509Certificate) certificate);
                }
            }
            return new SigningKey(entry.getPrivateKey(), Optional.of(token.provider()), point, chain, settings.certUrl());
        } catch (io.coco4j.protocol.pkcs11.Pkcs11Exception e) {
            throw new SigningKeyException("the token signer " + source.describe() + " is not usable: " + e.getMessage(), e);
        }
    }

    /** The private scalar of the first key in the PEM text: PKCS#8 or SEC 1, named curve prime256v1, unencrypted. */
    private static BigInteger readP256PrivateScalar(Reader pem, Path path) throws SigningKeyException {
        try (PEMParser parser = new PEMParser(pem)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                PrivateKeyInfo info;
                if (object instanceof PrivateKeyInfo pkcs8) {
                    info = pkcs8;
                } else if (object instanceof PEMKeyPair sec1) {
                    info = sec1.getPrivateKeyInfo();
                } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    throw new SigningKeyException("the token signer key " + path + " is encrypted; an unencrypted P-256 key is required");
                } else if (object instanceof ASN1ObjectIdentifier) {
                    continue; // an "EC PARAMETERS" block as `openssl ecparam -genkey` writes before the key
                } else {
                    continue;
                }
                return p256Scalar(info, path);
            }
        } catch (IOException e) {
            throw new SigningKeyException("the token signer key " + path + " is not valid PEM", e);
        }
        throw new SigningKeyException("the token signer key " + path + " holds no private key");
    }

    private static BigInteger p256Scalar(PrivateKeyInfo info, Path path) throws SigningKeyException, IOException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw new SigningKeyException("the token signer key " + path + " is not an EC key; only P-256 (ES256) keys are supported");
        }
        if (algorithm.getParameters() == null || !X9ObjectIdentifiers.prime256v1.equals(algorithm.getParameters().toASN1Primitive())) {
            throw new SigningKeyException("the token signer key " + path + " is not on P-256 (prime256v1); only ES256 keys are supported");
        }
        BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
        if (d.signum() <= 0 || d.compareTo(P256.getN()) >= 0) {
            throw new SigningKeyException("the token signer key " + path + " has an invalid private scalar");
        }
        return d;
    }

    private static List<X509Certificate> readChain(Path path, ECPoint expectedKey) throws SigningKeyException {
        Collection<? extends Certificate> certificates;
        try {
            byte[] pem = Files.readAllBytes(path);
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (IOException e) {
            throw new SigningKeyException("cannot read the token signer certificate chain " + path + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new SigningKeyException("the token signer certificate chain " + path + " is not a PEM certificate chain", e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : certificates) {
            chain.add((X509Certificate) certificate);
        }
        if (chain.isEmpty()) {
            throw new SigningKeyException("the token signer certificate chain " + path + " holds no certificate");
        }
        X509Certificate leaf = chain.get(0);
        if (!(leaf.getPublicKey() instanceof ECPublicKey leafKey) || !leafKey.getW().equals(expectedKey)) {
            // A KBS checks that x5c[0] carries the header JWK's key: a mismatch would fail every token.
            throw new SigningKeyException("the first certificate of " + path + " (" + leaf.getSubjectX500Principal().getName()
                    + ") is not for the token signer key");
        }
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warn("the token signer certificate {} is outside its validity period: {}", leaf.getSubjectX500Principal().getName(), e.getMessage());
        }
        return chain;
    }

    private ObjectNode buildJwk() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kty", "EC");
        node.put("crv", EcCurve.P256.jwkName());
        node.put("alg", "ES256");
        node.put("x", Base64Url.encode(EcCurve.P256.encodeCoordinate(publicPoint.getAffineX())));
        node.put("y", Base64Url.encode(EcCurve.P256.encodeCoordinate(publicPoint.getAffineY())));
        certUrl.ifPresent(url -> node.put("x5u", url));
        if (!chain.isEmpty()) {
            ArrayNode x5c = node.putArray("x5c");
            for (X509Certificate certificate : chain) {
                try {
                    x5c.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
                }
            }
        }
        return node;
    }

    /** The public JWK (a copy). */
    ObjectNode jwk() {
        return jwk.deepCopy();
    }

    @Override
    public ObjectNode publicJwk() {
        return jwk();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** The JWS signature of ES256: ECDSA P-256 over SHA-256, as the 64-byte R‖S concatenation. */
    @Override
    public byte[] signEs256(byte[] signingInput) throws TokenSigningException {
        try {
            Signature signature = keyProvider.isPresent()
                    ? Signature.getInstance("SHA256withECDSA", keyProvider.get())
                    : CryptoProviders.get().signature("SHA256withECDSA", EcCurve.P256.primitive());
            signature.initSign(privateKey);
            signature.update(signingInput);
            return ECDSA.transcodeSignatureToConcat(signature.sign(), 64);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new TokenSigningException("ES256 signing failed", e);
        }
    }
}
