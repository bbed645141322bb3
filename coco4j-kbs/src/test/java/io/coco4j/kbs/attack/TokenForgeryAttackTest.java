package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.kbs.config.AttestationTokenConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.SelfSignedCertificate;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static io.coco4j.kbs.attack.Refusals.b64url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token forgery against the Bearer path: unsigned, HMAC-with-the-public-key, self-endorsed and
 * out-of-date tokens are refused; a genuine EAR token (no aud, no nbf) is accepted. Where the
 * operator names the expected issuers and this KBS's audience, a token for another issuer or
 * audience is refused even when its signature is good.
 */
class TokenForgeryAttackTest {

    @TempDir
    Path dir;

    private TestKbs kbs;
    private TestKbs.Guest guest;
    private String genuine;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
        kbs.setResource("default/key/1", new byte[] {7});
        guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        genuine = guest.handshake();
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private int bearer(String token) throws Exception {
        return kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + token).statusCode();
    }

    private void assertForgeryRefused(String token) throws Exception {
        assertRefused(kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + token), 401, "TokenVerifierError");
    }

    private String payload() {
        return genuine.split("\\.")[1];
    }

    private ObjectNode header() throws Exception {
        return (ObjectNode) Json.readTree(java.util.Base64.getUrlDecoder().decode(genuine.split("\\.")[0]));
    }

    @Test
    void theGenuineTokenWithoutAudOrNbfIsAccepted() throws Exception {
        var claims = Json.readTree(java.util.Base64.getUrlDecoder().decode(payload()));
        assertThat(claims.has("aud")).isFalse();
        assertThat(claims.has("nbf")).isFalse();
        assertThat(bearer(genuine)).isEqualTo(200);
    }

    @Test
    void algNoneIsRefused() throws Exception {
        ObjectNode header = header().put("alg", "none");
        assertForgeryRefused(b64url(Json.write(header)) + "." + payload() + ".");
        assertForgeryRefused(b64url(Json.write(header.put("alg", "None"))) + "." + payload() + ".");
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() throws Exception {
        ObjectNode header = header().put("alg", "HS256");
        ECKey publicJwk = ECKey.parse(Json.write(header.get("jwk")));
        List<byte[]> secrets = List.of(publicJwk.toECPublicKey().getEncoded(), publicJwk.toJSONString().getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(kbs.data.tokenSignerCertificate()));
        for (byte[] secret : secrets) {
            String signingInput = b64url(Json.write(header)) + "." + payload();
            MACSigner signer = new MACSigner(java.util.Arrays.copyOf(secret, Math.max(secret.length, 32)));
            byte[] mac = signer.sign(new JWSHeader(JWSAlgorithm.HS256), signingInput.getBytes(StandardCharsets.US_ASCII)).decode();
            assertForgeryRefused(signingInput + "." + b64url(mac));
        }
    }

    @Test
    void aSelfEndorsedHeaderKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair attacker = generator.generateKeyPair();
        X509Certificate selfSigned = SelfSignedCertificate.create(attacker, "CN=coco4j attestation token signer", List.of(), Duration.ofDays(1));
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) attacker.getPublic()).algorithm(JWSAlgorithm.ES256)
                .x509CertChain(List.of(Base64.encode(selfSigned.getEncoded()))).build();
        JWTClaimsSet claims = JWTClaimsSet.parse(new String(java.util.Base64.getUrlDecoder().decode(payload()), StandardCharsets.UTF_8));
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(jwk).build(), claims);
        forged.sign(new ECDSASigner((ECPrivateKey) attacker.getPrivate()));
        assertForgeryRefused(forged.serialize());
        // the same without x5c
        SignedJWT bare = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .jwk(new ECKey.Builder(Curve.P_256, (ECPublicKey) attacker.getPublic()).algorithm(JWSAlgorithm.ES256).build()).build(), claims);
        bare.sign(new ECDSASigner((ECPrivateKey) attacker.getPrivate()));
        assertForgeryRefused(bare.serialize());
    }

    /** A token signed with the KBS's real signer, with chosen times and extra claims. */
    private String signedByTheRealSigner(Map<String, Object> extra, Instant exp) throws Exception {
        ObjectNode claims = (ObjectNode) TokenResigner.claims(genuine);
        claims.put("exp", exp.getEpochSecond());
        extra.forEach((name, value) -> claims.set(name, Json.mapper().valueToTree(value)));
        return TokenResigner.sign(kbs, claims);
    }

    @Test
    void expiredAndNotYetValidTokensAreRefused() throws Exception {
        assertThat(bearer(signedByTheRealSigner(Map.of(), Instant.now().plusSeconds(300)))).as("control").isEqualTo(200);
        assertForgeryRefused(signedByTheRealSigner(Map.of(), Instant.now().minusSeconds(120)));
        assertForgeryRefused(signedByTheRealSigner(Map.of("nbf", Instant.now().plusSeconds(3600).getEpochSecond()), Instant.now().plusSeconds(7200)));
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = genuine.split("\\.");
        ObjectNode claims = (ObjectNode) Json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        ((ObjectNode) claims.at("/submods/cpu0")).put("ear.status", "affirming");
        claims.put("exp", claims.get("exp").asLong() + 86400);
        String swapped = b64url(Json.write(claims));
        assertThat(swapped).isNotEqualTo(parts[1]);
        assertForgeryRefused(parts[0] + "." + swapped + "." + parts[2]);
    }

    @Test
    void wrongIssuerOrAudienceIsRefusedWhereConfigured() throws Exception {
        kbs.close();
        DataDirectory data = new DataDirectory(dir);
        KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AttestationTokenConfig token = defaults.attestationToken();
        KbsConfig config = new KbsConfig(defaults.httpServer(), new AttestationTokenConfig(token.trustedCertsPaths(), token.trustedJwkSets(),
                token.extraTeekeyPaths(), false, List.of("https://as.example"), Optional.of("kbs-a")), defaults.attestationService(),
                defaults.admin(), defaults.storageBackend(), defaults.plugins(), defaults.sessionStorageType(), defaults.audit());
        kbs = TestKbs.start(config, data, ServerMode.DEVELOPMENT, false);
        Instant exp = Instant.now().plusSeconds(300);
        // the KBS's own tokens keep working: its built-in AS's issuer is accepted as well
        assertThat(bearer(kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256)).handshake())).as("own token, no aud").isEqualTo(200);
        assertThat(bearer(signedByTheRealSigner(Map.of("iss", "https://as.example", "aud", "kbs-a"), exp))).isEqualTo(200);
        assertThat(bearer(signedByTheRealSigner(Map.of("aud", List.of("kbs-b", "kbs-a")), exp))).isEqualTo(200);
        assertForgeryRefused(signedByTheRealSigner(Map.of("iss", "https://attacker.example"), exp));
        assertForgeryRefused(signedByTheRealSigner(Map.of("aud", "kbs-b"), exp));
        assertForgeryRefused(signedByTheRealSigner(Map.of("aud", List.of("kbs-b", "kbs-c")), exp));
        ObjectNode noIssuer = (ObjectNode) TokenResigner.claims(genuine);
        noIssuer.remove("iss");
        noIssuer.put("exp", exp.getEpochSecond());
        assertForgeryRefused(TokenResigner.sign(kbs, noIssuer));
    }
}
