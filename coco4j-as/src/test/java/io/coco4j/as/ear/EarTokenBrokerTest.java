package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarTokenBrokerTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-10-14T07:15:34Z"), ZoneOffset.UTC);

    private static Appraisal appraisal() {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.putObject("sample").put("svn", "1");
        return new Appraisal(TrustVector.of(Map.of(TrustClaim.HARDWARE, 2)), "default", evidence,
                List.of(new TokenExtension("ear.trustee.identifiers", -18, identifiers())));
    }

    private static JsonNode identifiers() {
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        value.putObject("validated");
        return value;
    }

    @Test
    void jwksOfTheFixtureSignerEqualsTheExpectedJwksExactly() throws Exception {
        Path key = TestVectors.resolve("as-token/signing-key.pem");
        Path chain = TestVectors.resolve("as-token/cert-chain.pem");
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(key).withCertPath(chain)));

        JsonNode expected = Json.readTree(Files.readString(TestVectors.resolve("as-token/expected-jwks.json")));
        assertThat(broker.jwks()).isEqualTo(expected);
        // Same members in the same order, byte for byte once whitespace is gone.
        assertThat(Json.write(broker.jwks())).isEqualTo(Json.write(expected));
        // The fixture's x begins with a zero byte: the coordinate must keep its 32-byte length.
        assertThat(broker.jwks().at("/keys/0/x").asText()).startsWith("AN");
    }

    @Test
    void tokenSignedWithTheFixtureKeyVerifiesAgainstTheCertificate() throws Exception {
        Path key = TestVectors.resolve("as-token/signing-key.pem");
        Path chain = TestVectors.resolve("as-token/cert-chain.pem");
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults()
                .withSigner(SignerSettings.key(key).withCertPath(chain)), FIXED);

        SignedJWT jwt = SignedJWT.parse(broker.issue(Map.of("cpu0", appraisal())));
        X509Certificate leaf = jwt.getHeader().getJWK().getParsedX509CertChain().get(0);
        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) leaf.getPublicKey()))).isTrue();
    }

    @Test
    void tokenLayout() throws Exception {
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults().withDurationMin(7), FIXED);
        String token = broker.issue(Map.of("gpu0", appraisal(), "cpu0", appraisal()));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = Json.readTree(new String(java.util.Base64.getUrlDecoder().decode(parts[0])));
        assertThat(header.fieldNames()).toIterable().containsExactly("typ", "alg", "jwk");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("jwk")).isEqualTo(broker.jwks().get("keys").get(0));
        assertThat(header.get("jwk").fieldNames()).toIterable().containsExactly("kty", "crv", "alg", "x", "y");

        JsonNode claims = Json.readTree(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));
        assertThat(claims.fieldNames()).toIterable().containsExactly("eat_profile", "iat", "ear.verifier-id", "submods", "exp", "iss");
        assertThat(claims.get("eat_profile").asText()).isEqualTo("tag:github.com,2024:confidential-containers/Trustee");
        assertThat(claims.get("iat").asLong()).isEqualTo(1760426134L);
        assertThat(claims.get("exp").asLong()).isEqualTo(1760426134L + 7 * 60);
        assertThat(claims.get("iss").asText()).isEqualTo("CoCo-Attestation-Service");
        assertThat(claims.get("ear.verifier-id")).isEqualTo(Json.readTree(
                "{\"developer\":\"https://confidentialcontainers.org\",\"build\":\"coco4j-as 0.1.0\"}"));
        assertThat(claims.get("submods").fieldNames()).toIterable().containsExactly("cpu0", "gpu0");
        JsonNode cpu0 = claims.at("/submods/cpu0");
        assertThat(cpu0.fieldNames()).toIterable().containsExactly("ear.status", "ear.trustworthiness-vector",
                "ear.appraisal-policy-id", "ear.veraison.annotated-evidence", "ear.trustee.identifiers");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("affirming");
        assertThat(cpu0.get("ear.trustworthiness-vector")).isEqualTo(Json.readTree("{\"hardware\":2}"));
        assertThat(cpu0.get("ear.trustee.identifiers")).isEqualTo(Json.readTree("{\"validated\":{}}"));

        ECKey jwk = (ECKey) JWKSet.parse(Json.write(broker.jwks())).getKeys().get(0);
        assertThat(jwk.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(SignedJWT.parse(token).verify(new ECDSAVerifier(jwk))).isTrue();
    }

    @Test
    void ephemeralKeysDifferPerBroker() throws Exception {
        EarTokenBroker one = EarTokenBroker.create(EarTokenBrokerSettings.defaults());
        EarTokenBroker two = EarTokenBroker.create(EarTokenBrokerSettings.defaults());
        assertThat(one.jwks()).isNotEqualTo(two.jwks());
        SignedJWT token = SignedJWT.parse(one.issue(Map.of("cpu0", appraisal())));
        ECKey otherKey = (ECKey) JWKSet.parse(Json.write(two.jwks())).getKeys().get(0);
        assertThat(token.verify(new ECDSAVerifier(otherKey))).isFalse();
        assertThat(one.jwks().at("/keys/0").has("x5c")).isFalse();
    }

    @Test
    void certUrlIsPublishedAsX5u(@TempDir Path dir) throws Exception {
        KeyPair pair = ecKeyPair("secp256r1");
        Path key = writePem(dir.resolve("key.pem"), pair.getPrivate());
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults()
                .withSigner(SignerSettings.key(key).withCertUrl("https://as.example/certs.pem")));
        assertThat(broker.jwks().at("/keys/0/x5u").asText()).isEqualTo("https://as.example/certs.pem");
        ECKey published = (ECKey) JWKSet.parse(Json.write(broker.jwks())).getKeys().get(0);
        assertThat(published.toECPublicKey().getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    }

    @Test
    void sec1KeyAfterAnEcParametersBlockIsAccepted(@TempDir Path dir) throws Exception {
        KeyPair pair = ecKeyPair("secp256r1");
        // What `openssl ecparam -name prime256v1 -genkey` writes: EC PARAMETERS, then the SEC 1 key with its curve.
        BigInteger d = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS();
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, X9ObjectIdentifiers.prime256v1).getEncoded();
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new PemObject("EC PARAMETERS", X9ObjectIdentifiers.prime256v1.getEncoded()));
            writer.writeObject(new PemObject("EC PRIVATE KEY", sec1));
        }
        Path key = Files.writeString(dir.resolve("sec1.pem"), text.toString());
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(key)));
        ECKey published = (ECKey) JWKSet.parse(Json.write(broker.jwks())).getKeys().get(0);
        assertThat(published.toECPublicKey().getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
        assertThat(SignedJWT.parse(broker.issue(Map.of("cpu0", appraisal()))).verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
    }

    @Test
    void keysOtherThanP256AreRefused(@TempDir Path dir) throws Exception {
        Path p384 = writePem(dir.resolve("p384.pem"), ecKeyPair("secp384r1").getPrivate());
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(p384))))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("not on P-256");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path rsaKey = writePem(dir.resolve("rsa.pem"), rsa.generateKeyPair().getPrivate());
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(rsaKey))))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("not an EC key");
    }

    @Test
    void unreadableOrEmptyKeyFilesAreRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(dir.resolve("missing.pem")))))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("cannot read");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no pem here\n");
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(empty))))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("no private key");
        KeyPair keys = ecKeyPair("secp256r1");
        Path certOnly = writeCertificates(dir.resolve("cert.pem"), certificate("CN=only", keys, "CN=only", keys));
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(certOnly))))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("no private key");
    }

    @Test
    void certificateForAnotherKeyIsRefused(@TempDir Path dir) throws Exception {
        Path key = writePem(dir.resolve("key.pem"), ecKeyPair("secp256r1").getPrivate());
        KeyPair other = ecKeyPair("secp256r1");
        Path foreignChain = writeCertificates(dir.resolve("foreign.pem"), certificate("CN=other", other, "CN=other", other));
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults()
                .withSigner(SignerSettings.key(key).withCertPath(foreignChain))))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("is not for the token signer key");

        Path notPem = Files.writeString(dir.resolve("chain.pem"), "garbage");
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults()
                .withSigner(SignerSettings.key(key).withCertPath(notPem))))
                .isInstanceOf(SigningKeyException.class);
    }

    @Test
    void chainIsPublishedLeafFirstInFileOrder(@TempDir Path dir) throws Exception {
        KeyPair root = ecKeyPair("secp256r1");
        KeyPair leaf = ecKeyPair("secp256r1");
        X509Certificate rootCert = certificate("CN=root", root, "CN=root", root);
        X509Certificate leafCert = certificate("CN=leaf", leaf, "CN=root", root);
        Path chain = writeCertificates(dir.resolve("chain.pem"), leafCert, rootCert);
        Path key = writePem(dir.resolve("leaf.pem"), leaf.getPrivate());
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.key(key).withCertPath(chain)));
        JsonNode x5c = broker.jwks().at("/keys/0/x5c");
        assertThat(x5c).hasSize(2);
        assertThat(x5c.get(0).asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(leafCert.getEncoded()));
        assertThat(x5c.get(1).asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(rootCert.getEncoded()));
    }

    @Test
    void settingsDefaultsAreTheReferenceDefaults() {
        EarTokenBrokerSettings defaults = EarTokenBrokerSettings.defaults();
        assertThat(defaults.durationMin()).isEqualTo(5);
        assertThat(defaults.issuerName()).isEqualTo("CoCo-Attestation-Service");
        assertThat(defaults.developerName()).isEqualTo("https://confidentialcontainers.org");
        assertThat(defaults.profileName()).isEqualTo("tag:github.com,2024:confidential-containers/Trustee");
        assertThat(defaults.verboseToken()).isTrue();
        assertThat(defaults.signer()).isEmpty();
        assertThatThrownBy(() -> defaults.withDurationMin(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenNeedsASubmodAndExtensionsCannotReplaceStandardMembers() throws Exception {
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults());
        assertThatThrownBy(() -> broker.issue(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Appraisal(TrustVector.of(Map.of(TrustClaim.HARDWARE, 2)), "default", JsonNodeFactory.instance.objectNode(),
                List.of(new TokenExtension("ear.status", 1000, JsonNodeFactory.instance.textNode("affirming")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static KeyPair ecKeyPair(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    /** PKCS#8 "PRIVATE KEY" PEM. */
    static Path writePem(Path path, java.security.PrivateKey key) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        return Files.writeString(path, text.toString());
    }

    static Path writeCertificates(Path path, X509Certificate... certificates) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return Files.writeString(path, text.toString());
    }

    static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Name(subject), subjectKeys.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
