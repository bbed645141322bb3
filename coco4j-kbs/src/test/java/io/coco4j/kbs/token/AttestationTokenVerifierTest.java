package io.coco4j.kbs.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.AttestationTokenConfig;
import io.coco4j.kbs.jwks.JwkSetLoader;
import io.coco4j.kbs.jwks.KeySourceReader;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.kbs.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token verification with keys and certificates made here (the shared vectors cover x5c endorsement). */
class AttestationTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A CA chain root → intermediate → signer, like an AS configured with a signer certificate chain. */
    private static final class Pki {
        final KeyPair rootKeys = TestPki.p256();
        final KeyPair intermediateKeys = TestPki.p256();
        final KeyPair signerKeys = TestPki.p256();
        final X509Certificate root;
        final X509Certificate intermediate;
        final X509Certificate signer;

        Pki(Instant signerNotAfter) {
            root = TestPki.root("root", rootKeys, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3650)));
            intermediate = TestPki.issue("intermediate", intermediateKeys.getPublic(), "root", rootKeys.getPrivate(),
                    NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3650)), true, List.of());
            signer = TestPki.issue("as-signer", signerKeys.getPublic(), "intermediate",
                    intermediateKeys.getPrivate(), NOW.minus(Duration.ofDays(10)), signerNotAfter, false, List.of());
        }

        Pki() {
            this(NOW.plus(Duration.ofDays(365)));
        }

        ObjectNode headerJwk() {
            ObjectNode jwk = TestPki.jwk(signerKeys.getPublic(), "ES256");
            jwk.putArray("x5c").add(TestPki.b64std(signer)).add(TestPki.b64std(intermediate));
            return jwk;
        }

        String token(ObjectNode claims) {
            ObjectNode header = TestPki.JSON.createObjectNode().put("typ", "JWT").put("alg", "ES256");
            header.set("jwk", headerJwk());
            return TestPki.sign(header, claims, signerKeys.getPrivate());
        }

        TrustedCertificates trust() {
            return TrustedCertificates.of(List.of(root));
        }
    }

    private static ObjectNode earClaims(Instant exp) {
        ObjectNode claims = TestPki.JSON.createObjectNode();
        claims.put("eat_profile", "tag:github.com,2024:confidential-containers/Trustee");
        claims.put("iat", exp.minusSeconds(300).getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        claims.put("iss", "CoCo-Attestation-Service");
        ObjectNode evidence = claims.putObject("submods").putObject("cpu0")
                .put("ear.status", "affirming").putObject("ear.veraison.annotated-evidence");
        evidence.putObject("runtime_data_claims").set("tee-pubkey", TestPki.jwk(TestPki.p256().getPublic(), "ECDH-ES+A256KW"));
        return claims;
    }

    private static ObjectNode validClaims() {
        return earClaims(NOW.plusSeconds(300));
    }

    private static AttestationTokenVerifier verifier(TrustedCertificates certificates) throws Exception {
        return new AttestationTokenVerifier(certificates, List.of(), false, CLOCK);
    }

    @Test
    void aTokenWhoseHeaderKeyChainsToTheTrustedRootVerifies() throws Exception {
        Pki pki = new Pki();
        ObjectNode claims = validClaims();
        JsonNode verified = verifier(pki.trust()).verify(pki.token(claims));
        assertThat(verified.toString()).isEqualTo(claims.toString());
        assertThat(new TeePublicKeyLocator(List.of()).locate(verified))
                .isEqualTo(claims.at("/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/tee-pubkey"));
    }

    @Test
    void aSelfSignedSignerCertificateThatIsItselfTrustedVerifies() throws Exception {
        KeyPair keys = TestPki.p256();
        X509Certificate self = TestPki.root("as-self-signed", keys, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        ObjectNode jwk = TestPki.jwk(keys.getPublic(), "ES256");
        jwk.putArray("x5c").add(TestPki.b64std(self));
        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "ES256");
        header.set("jwk", jwk);
        String token = TestPki.sign(header, validClaims(), keys.getPrivate());
        assertThat(verifier(TrustedCertificates.of(List.of(self))).verify(token).get("iss").asText())
                .isEqualTo("CoCo-Attestation-Service");
    }

    @Test
    void aTamperedSignatureIsRejected() throws Exception {
        Pki pki = new Pki();
        String token = pki.token(validClaims());
        byte[] signature = java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        signature[10] ^= 0x40;
        assertThatThrownBy(() -> verifier(pki.trust()).verify(TestPki.withSignature(token, signature)))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("signature does not verify")
                .satisfies(e -> assertThat(((TokenVerificationException) e).errorType()).isEqualTo("TokenVerifierError"));
    }

    @Test
    void aTamperedClaimIsRejected() throws Exception {
        Pki pki = new Pki();
        String[] parts = pki.token(validClaims()).split("\\.");
        ObjectNode forged = validClaims();
        ((ObjectNode) forged.at("/submods/cpu0")).put("ear.status", "affirming").put("forged", true);
        String token = parts[0] + "." + TestPki.b64url(forged.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> verifier(pki.trust()).verify(token)).hasMessageContaining("signature does not verify");
    }

    @Test
    void algNoneIsRejected() throws Exception {
        Pki pki = new Pki();
        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "none");
        header.set("jwk", pki.headerJwk());
        String token = TestPki.b64url(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + TestPki.b64url(validClaims().toString().getBytes(StandardCharsets.UTF_8)) + ".AAAA";
        assertThatThrownBy(() -> verifier(pki.trust()).verify(token)).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("alg \"none\"");
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        assertThatThrownBy(() -> verifier(pki.trust()).verify(unsigned)).isInstanceOf(TokenVerificationException.class);
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRejected() throws Exception {
        Pki pki = new Pki();
        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "HS256");
        ObjectNode jwk = pki.headerJwk().put("alg", "HS256");
        header.set("jwk", jwk);
        String signingInput = TestPki.b64url(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + TestPki.b64url(validClaims().toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pki.signerKeys.getPublic().getEncoded(), "HmacSHA256"));
        String token = signingInput + "." + TestPki.b64url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> verifier(pki.trust()).verify(token)).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("shared-secret");
    }

    @Test
    void aKeyOutsideTheTrustAnchorsIsRejected() throws Exception {
        Pki trusted = new Pki();
        Pki stranger = new Pki();
        assertThatThrownBy(() -> verifier(trusted.trust()).verify(stranger.token(validClaims())))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("does not chain to a trusted root");
    }

    @Test
    void aBareHeaderKeyIsTrustedOnlyWithInsecureHeaderJwk() throws Exception {
        KeyPair keys = TestPki.p256();
        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "ES256");
        header.set("jwk", TestPki.jwk(keys.getPublic(), "ES256"));
        String token = TestPki.sign(header, validClaims(), keys.getPrivate());

        assertThatThrownBy(() -> verifier(new Pki().trust()).verify(token)).hasMessageContaining("no x5c");
        var insecure = new AttestationTokenVerifier(TrustedCertificates.none(), List.of(), true, CLOCK);
        assertThat(insecure.verify(token).get("iss").asText()).isEqualTo("CoCo-Attestation-Service");

        // Even then the signature must verify.
        byte[] signature = java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        signature[0] ^= 1;
        assertThatThrownBy(() -> insecure.verify(TestPki.withSignature(token, signature)))
                .hasMessageContaining("signature does not verify");
    }

    @Test
    void headerKeysWithoutCertificatesConfiguredAreRejected() throws Exception {
        Pki pki = new Pki();
        TrustedJwkSetFixture jwks = TrustedJwkSetFixture.withKey("k1", TestPki.rsa(), "RS256");
        var verifier = new AttestationTokenVerifier(TrustedCertificates.none(), List.of(jwks.set()), false, CLOCK);
        assertThatThrownBy(() -> verifier.verify(pki.token(validClaims())))
                .hasMessageContaining("no trusted root certificate is configured");
    }

    @Test
    void expiredTokensAreRejectedAfterTheLeeway() throws Exception {
        Pki pki = new Pki();
        AttestationTokenVerifier verifier = verifier(pki.trust());
        assertThat(verifier.verify(pki.token(earClaims(NOW.minusSeconds(30))))).isNotNull();
        assertThatThrownBy(() -> verifier.verify(pki.token(earClaims(NOW.minusSeconds(120)))))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("expired at");
    }

    @Test
    void aTokenWithoutExpiryIsRejected() throws Exception {
        Pki pki = new Pki();
        ObjectNode claims = validClaims();
        claims.remove("exp");
        assertThatThrownBy(() -> verifier(pki.trust()).verify(pki.token(claims)))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("no \"exp\"");
    }

    @Test
    void anExpiredSignerCertificateIsRejected() throws Exception {
        Pki pki = new Pki(NOW.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> verifier(pki.trust()).verify(pki.token(validClaims())))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("expired on");
    }

    @Test
    void aRememberedEndorsementLapsesWithTheSignerCertificate() throws Exception {
        Pki pki = new Pki(NOW.plus(Duration.ofDays(2)));
        MutableClock clock = new MutableClock(NOW);
        var verifier = new AttestationTokenVerifier(pki.trust(), List.of(), false, clock);
        assertThat(verifier.verify(pki.token(validClaims()))).isNotNull();
        assertThat(verifier.verify(pki.token(validClaims()))).isNotNull();

        clock.advance(Duration.ofDays(3));
        String later = pki.token(earClaims(clock.instant().plusSeconds(300)));
        assertThatThrownBy(() -> verifier.verify(later)).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("expired on");
        // A different key is never taken for a remembered one.
        Pki other = new Pki();
        assertThatThrownBy(() -> verifier.verify(other.token(earClaims(clock.instant().plusSeconds(300)))))
                .hasMessageContaining("does not chain to a trusted root");
    }

    @Test
    void aRememberedTokenStillExpires() throws Exception {
        Pki pki = new Pki();
        MutableClock clock = new MutableClock(NOW);
        var verifier = new AttestationTokenVerifier(pki.trust(), List.of(), false, clock);
        String token = pki.token(validClaims());
        assertThat(verifier.verify(token)).isNotNull();
        clock.advance(Duration.ofSeconds(300 + 59));
        assertThat(verifier.verify(token).get("iss").asText()).isEqualTo("CoCo-Attestation-Service");
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("expired at");
    }

    @Test
    void aRememberedTokenLapsesWithItsSignerCertificate() throws Exception {
        Pki pki = new Pki(NOW.plusSeconds(100));
        MutableClock clock = new MutableClock(NOW);
        var verifier = new AttestationTokenVerifier(pki.trust(), List.of(), false, clock);
        String token = pki.token(validClaims());
        assertThat(verifier.verify(token)).isNotNull();
        clock.advance(Duration.ofSeconds(200));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("expired on");
    }

    @Test
    void anAlteredCopyOfARememberedTokenIsCheckedInFull() throws Exception {
        Pki pki = new Pki();
        AttestationTokenVerifier verifier = verifier(pki.trust());
        String token = pki.token(validClaims());
        assertThat(verifier.verify(token)).isNotNull();
        byte[] signature = java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        signature[3] ^= 0x01;
        assertThatThrownBy(() -> verifier.verify(TestPki.withSignature(token, signature)))
                .hasMessageContaining("signature does not verify");
        String[] parts = token.split("\\.");
        ObjectNode forged = validClaims();
        forged.put("forged", true);
        String swapped = parts[0] + "." + TestPki.b64url(forged.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> verifier.verify(swapped)).hasMessageContaining("signature does not verify");
    }

    @Test
    void callersCannotChangeTheRememberedClaims() throws Exception {
        Pki pki = new Pki();
        AttestationTokenVerifier verifier = verifier(pki.trust());
        String token = pki.token(validClaims());
        ((ObjectNode) verifier.verify(token)).put("iss", "changed");
        ((ObjectNode) verifier.verify(token)).put("iss", "changed again");
        assertThat(verifier.verify(token).get("iss").asText()).isEqualTo("CoCo-Attestation-Service");
    }

    @Test
    void theHeaderAlgorithmMustEqualTheKeysAlgorithm() throws Exception {
        Pki pki = new Pki();
        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "ES256");
        header.set("jwk", pki.headerJwk().put("alg", "ES384"));
        String token = TestPki.sign(header, validClaims(), pki.signerKeys.getPrivate());
        assertThatThrownBy(() -> verifier(pki.trust()).verify(token))
                .hasMessageContaining("header says alg ES256 but its signing key is for ES384");

        ObjectNode noAlg = TestPki.JSON.createObjectNode().put("alg", "ES256");
        ObjectNode jwk = pki.headerJwk();
        jwk.remove("alg");
        noAlg.set("jwk", jwk);
        String token2 = TestPki.sign(noAlg, validClaims(), pki.signerKeys.getPrivate());
        assertThatThrownBy(() -> verifier(pki.trust()).verify(token2)).hasMessageContaining("does not name its algorithm");
    }

    @Test
    void tokensAreVerifiedByKidAgainstTrustedJwkSets() throws Exception {
        KeyPair keys = TestPki.rsa();
        TrustedJwkSetFixture jwks = TrustedJwkSetFixture.withKey("ita-1", keys, "RS256");
        var verifier = new AttestationTokenVerifier(TrustedCertificates.none(), List.of(jwks.set()), false, CLOCK);

        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "RS256").put("kid", "ita-1");
        ObjectNode claims = TestPki.JSON.createObjectNode().put("exp", NOW.plusSeconds(60).getEpochSecond());
        claims.putObject("tdx").putObject("attester_runtime_data").set("tee-pubkey",
                TestPki.jwk(TestPki.rsa().getPublic(), "RSA-OAEP-256"));
        JsonNode verified = verifier.verify(TestPki.sign(header, claims, keys.getPrivate()));
        assertThat(new TeePublicKeyLocator(List.of()).locate(verified).get("kty").asText()).isEqualTo("RSA");

        ObjectNode unknownKid = header.deepCopy().put("kid", "ita-2");
        assertThatThrownBy(() -> verifier.verify(TestPki.sign(unknownKid, claims, keys.getPrivate())))
                .hasMessageContaining("kid \"ita-2\"");
        String otherSigner = TestPki.sign(header, claims, TestPki.rsa().getPrivate());
        assertThatThrownBy(() -> verifier.verify(otherSigner)).hasMessageContaining("signature does not verify");
        ObjectNode neither = TestPki.JSON.createObjectNode().put("alg", "RS256");
        assertThatThrownBy(() -> verifier.verify(TestPki.sign(neither, claims, keys.getPrivate())))
                .hasMessageContaining("neither jwk nor kid");
    }

    @Test
    void startUpFailsWhenNothingCouldEverBeTrusted(@TempDir Path dir) throws Exception {
        JwkSetLoader loader = new JwkSetLoader(KeySourceReader.withDefaultHttpClient());
        assertThatThrownBy(() -> AttestationTokenVerifier.create(AttestationTokenConfig.defaults(), loader, CLOCK))
                .isInstanceOf(TokenVerifierInitializationException.class).hasMessageContaining("no attestation token can be trusted");
        assertThat(AttestationTokenVerifier.create(new AttestationTokenConfig(List.of(), List.of(), List.of(), true),
                loader, CLOCK)).isNotNull();

        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> AttestationTokenVerifier.create(
                new AttestationTokenConfig(List.of(missing), List.of(), List.of(), false), loader, CLOCK))
                .hasMessageContaining("cannot read trusted certificate file");
        Path notPem = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> AttestationTokenVerifier.create(
                new AttestationTokenConfig(List.of(notPem), List.of(), List.of(), false), loader, CLOCK))
                .isInstanceOf(TokenVerifierInitializationException.class);
        Pki pki = new Pki();
        Path intermediateOnly = Files.writeString(dir.resolve("intermediate.pem"), TestPki.pem(pki.intermediate));
        assertThatThrownBy(() -> AttestationTokenVerifier.create(
                new AttestationTokenConfig(List.of(intermediateOnly), List.of(), List.of(), false), loader, CLOCK))
                .hasMessageContaining("no self-signed root");
        assertThatThrownBy(() -> AttestationTokenVerifier.create(
                new AttestationTokenConfig(List.of(), List.of(dir.resolve("none.json").toString()), List.of(), false),
                loader, CLOCK)).hasMessageContaining("cannot load trusted JWK set");
    }

    @Test
    void createLoadsCertificatesAndJwkSetsFromFiles(@TempDir Path dir) throws Exception {
        Pki pki = new Pki();
        Path roots = Files.writeString(dir.resolve("roots.pem"), TestPki.pem(TestPki.root("decoy", TestPki.p256(),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))), pki.root));
        KeyPair rsa = TestPki.rsa();
        Path jwks = Files.writeString(dir.resolve("jwks.json"),
                "{\"keys\":[" + TestPki.jwk(rsa.getPublic(), "RS256").put("kid", "k") + "]}");
        var verifier = AttestationTokenVerifier.create(new AttestationTokenConfig(List.of(roots),
                List.of(jwks.toUri().toString()), List.of(), false),
                new JwkSetLoader(KeySourceReader.withDefaultHttpClient()), CLOCK);
        assertThat(verifier.verify(pki.token(validClaims()))).isNotNull();
        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "RS256").put("kid", "k");
        assertThat(verifier.verify(TestPki.sign(header, validClaims(), rsa.getPrivate()))).isNotNull();
    }
}
