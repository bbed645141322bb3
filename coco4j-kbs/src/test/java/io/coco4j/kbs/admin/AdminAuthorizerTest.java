package io.coco4j.kbs.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.AdminConfig;
import io.coco4j.kbs.jwks.KeySourceReader;
import io.coco4j.kbs.testing.LocalHttpsServer;
import io.coco4j.kbs.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAuthorizerTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String RESOURCE = "/kbs/v0/resource/default/key/1";

    @TempDir
    Path dir;

    private final KeyPair adminKeys = TestPki.ed25519();

    private static final AdminConfig.RegexAcl ACL = new AdminConfig.RegexAcl(List.of(
            new AdminConfig.AclRule("admin", "^/kbs/v0/.+$"),
            new AdminConfig.AclRule("uploader", "^/kbs/v0/resource/.+$"),
            new AdminConfig.AclRule("policy", "^/kbs/v0/resource-policy$")));

    private static ObjectNode claims(String role) {
        ObjectNode claims = TestPki.JSON.createObjectNode().put("iss", "tenant").put("sub", "alice");
        claims.putArray("aud").add("KBS");
        if (role != null) {
            claims.put("role", role);
        }
        claims.put("iat", NOW.getEpochSecond()).put("exp", NOW.plusSeconds(3600).getEpochSecond());
        return claims;
    }

    private static String sign(String alg, ObjectNode claims, PrivateKey key) {
        return TestPki.sign(TestPki.JSON.createObjectNode().put("alg", alg).put("typ", "JWT"), claims, key);
    }

    private static Optional<String> bearer(String token) {
        return Optional.of("Bearer " + token);
    }

    private Path pem(KeyPair keys) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "key", ".pem"), TestPki.pem(keys.getPublic()));
    }

    private AdminAuthorizer authorizer(AdminConfig.IdentityProvider... providers) throws Exception {
        return authorizer(KeySourceReader.withDefaultHttpClient(), providers);
    }

    private AdminAuthorizer authorizer(KeySourceReader reader, AdminConfig.IdentityProvider... providers)
            throws Exception {
        return AdminAuthorizer.create(AdminConfig.authenticated(
                new AdminConfig.BearerJwt(List.of(providers), false, false), ACL), reader, CLOCK);
    }

    private AdminConfig.IdentityProvider pemProvider(Optional<String> issuer, Optional<String> audience, KeyPair keys)
            throws Exception {
        return new AdminConfig.IdentityProvider(issuer, audience, Optional.of(pem(keys).toString()), Optional.empty());
    }

    private AdminAuthorizer tenantAuthorizer() throws Exception {
        return authorizer(pemProvider(Optional.of("tenant"), Optional.of("KBS"), adminKeys));
    }

    private static void assertRefused(ThrowingCallable call, AdminAuthFailure failure, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AdminAuthException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.errorType()).isEqualTo("AdminAuthAccess");
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void insecureAllowAllAllowsEverythingAndDenyAllNothing() throws Exception {
        AdminAuthorizer allow = AdminAuthorizer.create(AdminConfig.insecureAllowAll(), KeySourceReader.withDefaultHttpClient(), CLOCK);
        assertThatCode(() -> allow.authorize("DELETE", RESOURCE, Optional.empty())).doesNotThrowAnyException();
        AdminAuthorizer deny = AdminAuthorizer.create(AdminConfig.denyAll(), KeySourceReader.withDefaultHttpClient(), CLOCK);
        String token = sign("EdDSA", claims("admin"), adminKeys.getPrivate());
        assertRefused(() -> deny.authorize("POST", RESOURCE, bearer(token)), AdminAuthFailure.ADMIN_API_DISABLED, "DenyAll");
    }

    @Test
    void aValidEd25519TokenWithAnAllowedRolePasses() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        String token = sign("EdDSA", claims("admin"), adminKeys.getPrivate());
        assertThatCode(() -> authorizer.authorize("POST", RESOURCE, bearer(token))).doesNotThrowAnyException();
        assertThatCode(() -> authorizer.authorize("POST", "/kbs/v0/attestation-policy", Optional.of("bearer " + token)))
                .doesNotThrowAnyException();
    }

    @Test
    void es256AndRs256PemKeysWork() throws Exception {
        KeyPair ec = TestPki.p256();
        KeyPair rsa = TestPki.rsa();
        AdminAuthorizer authorizer = authorizer(pemProvider(Optional.empty(), Optional.empty(), ec),
                pemProvider(Optional.empty(), Optional.empty(), rsa));
        authorizer.authorize("POST", RESOURCE, bearer(sign("ES256", claims("admin"), ec.getPrivate())));
        authorizer.authorize("POST", RESOURCE, bearer(sign("RS256", claims("admin"), rsa.getPrivate())));
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("ES256", claims("admin"),
                TestPki.p256().getPrivate()))), AdminAuthFailure.BAD_SIGNATURE, "not signed by a key of any");
    }

    @Test
    void aMissingTokenIsRefused() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, Optional.empty()), AdminAuthFailure.MISSING_TOKEN,
                "no Authorization: Bearer token");
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, Optional.of("Basic YWRtaW46YWRtaW4=")),
                AdminAuthFailure.MISSING_TOKEN, "does not carry a Bearer token");
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, Optional.of("Bearer  ")),
                AdminAuthFailure.MISSING_TOKEN, "");
    }

    @Test
    void aMalformedTokenIsRefusedWithoutEchoingIt() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        String garbage = "eyJhbGciOiJFZERTQSJ9.c2VjcmV0LXZhbHVl";
        assertThatThrownBy(() -> authorizer.authorize("POST", RESOURCE, bearer(garbage)))
                .isInstanceOfSatisfying(AdminAuthException.class, e -> {
                    assertThat(e.failure()).isEqualTo(AdminAuthFailure.MALFORMED_TOKEN);
                    assertThat(e.getMessage()).doesNotContain(garbage).doesNotContain("c2VjcmV0");
                });
    }

    @Test
    void aTokenFromAnotherKeyIsRefused() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        String token = sign("EdDSA", claims("admin"), TestPki.ed25519().getPrivate());
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(token)), AdminAuthFailure.BAD_SIGNATURE,
                "not signed by a key of any configured identity provider");
        assertThatThrownBy(() -> authorizer.authorize("POST", RESOURCE, bearer(token)))
                .hasMessageNotContaining(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void aKeyEmbeddedInTheTokenHeaderIsNeverTrusted() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        KeyPair attacker = TestPki.ed25519();
        ObjectNode header = TestPki.JSON.createObjectNode().put("alg", "EdDSA");
        header.set("jwk", TestPki.jwk(attacker.getPublic(), "EdDSA"));
        String token = TestPki.sign(header, claims("admin"), attacker.getPrivate());
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(token)), AdminAuthFailure.BAD_SIGNATURE, "");
    }

    @Test
    void noneAndHmacTokensAreRefused() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        String none = TestPki.b64url("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + TestPki.b64url(claims("admin").toString().getBytes(StandardCharsets.UTF_8)) + ".AAAA";
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(none)), AdminAuthFailure.BAD_SIGNATURE,
                "alg \"none\"");
        String input = TestPki.b64url("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + TestPki.b64url(claims("admin").toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestPki.pem(adminKeys.getPublic()).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        String hmac = input + "." + TestPki.b64url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(hmac)), AdminAuthFailure.BAD_SIGNATURE,
                "shared-secret");
    }

    @Test
    void expiryIsRequiredAndChecked() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        ObjectNode expired = claims("admin").put("exp", NOW.minusSeconds(61).getEpochSecond());
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", expired, adminKeys.getPrivate()))),
                AdminAuthFailure.EXPIRED, "expired at 2029-12-31T23:58:59Z");
        ObjectNode withinLeeway = claims("admin").put("exp", NOW.minusSeconds(59).getEpochSecond());
        authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", withinLeeway, adminKeys.getPrivate())));
        ObjectNode noExp = claims("admin");
        noExp.remove("exp");
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", noExp, adminKeys.getPrivate()))),
                AdminAuthFailure.MALFORMED_TOKEN, "no \"exp\"");
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        ObjectNode wrongIss = claims("admin").put("iss", "someone-else");
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", wrongIss, adminKeys.getPrivate()))),
                AdminAuthFailure.WRONG_ISSUER, "issuer 'someone-else' but identity provider 0 (issuer 'tenant') expects 'tenant'");
        ObjectNode noIss = claims("admin");
        noIss.remove("iss");
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", noIss, adminKeys.getPrivate()))),
                AdminAuthFailure.WRONG_ISSUER, "issuer is missing");
        ObjectNode wrongAud = claims("admin");
        wrongAud.putArray("aud").add("other").add("another");
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", wrongAud, adminKeys.getPrivate()))),
                AdminAuthFailure.WRONG_AUDIENCE, "[other, another] does not include 'KBS'");
        ObjectNode stringAud = claims("admin").put("aud", "KBS");
        authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", stringAud, adminKeys.getPrivate())));

        AdminAuthorizer unchecked = authorizer(pemProvider(Optional.empty(), Optional.empty(), adminKeys));
        unchecked.authorize("POST", RESOURCE, bearer(sign("EdDSA", wrongIss, adminKeys.getPrivate())));
    }

    @Test
    void theRoleClaimIsMandatoryAndMustBeAllowed() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", claims(null), adminKeys.getPrivate()))),
                AdminAuthFailure.MISSING_ROLE, "no string \"role\" claim");
        ObjectNode numericRole = claims(null).put("role", 7);
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", numericRole, adminKeys.getPrivate()))),
                AdminAuthFailure.MISSING_ROLE, "role");

        String reader = sign("EdDSA", claims("reader"), adminKeys.getPrivate());
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(reader)), AdminAuthFailure.ROLE_NOT_ALLOWED,
                "role 'reader' is not allowed to call POST " + RESOURCE);
        String uploader = sign("EdDSA", claims("uploader"), adminKeys.getPrivate());
        authorizer.authorize("POST", RESOURCE, bearer(uploader));
        assertRefused(() -> authorizer.authorize("POST", "/kbs/v0/resource-policy", bearer(uploader)),
                AdminAuthFailure.ROLE_NOT_ALLOWED, "uploader");
    }

    @Test
    void theAclSeesThePathWithItsQuery() throws Exception {
        AdminAuthorizer authorizer = tenantAuthorizer();
        String policy = sign("EdDSA", claims("policy"), adminKeys.getPrivate());
        authorizer.authorize("POST", "/kbs/v0/resource-policy", bearer(policy));
        assertRefused(() -> authorizer.authorize("POST", "/kbs/v0/resource-policy?x=1", bearer(policy)),
                AdminAuthFailure.ROLE_NOT_ALLOWED, "/kbs/v0/resource-policy?x=1");
    }

    @Test
    void jwkSetProvidersSelectTheKeyByKid() throws Exception {
        KeyPair ec = TestPki.p256();
        KeyPair rsa = TestPki.rsa();
        KeyPair noAlg = TestPki.p256();
        String jwks = "{\"keys\":[" + TestPki.jwk(ec.getPublic(), "ES256").put("kid", "ec-1") + ","
                + TestPki.jwk(rsa.getPublic(), "RS256").put("kid", "rsa-1") + ","
                + TestPki.jwk(noAlg.getPublic(), null).put("kid", "no-alg") + "]}";
        try (LocalHttpsServer server = new LocalHttpsServer().serve("/jwks", 200, jwks)) {
            AdminAuthorizer authorizer = authorizer(new KeySourceReader(server.client()), new AdminConfig.IdentityProvider(
                    Optional.of("tenant"), Optional.empty(), Optional.empty(), Optional.of(server.url("/jwks"))));
            authorizer.authorize("POST", RESOURCE, bearer(signWithKid("ES256", "ec-1", ec.getPrivate())));
            authorizer.authorize("POST", RESOURCE, bearer(signWithKid("RS256", "rsa-1", rsa.getPrivate())));
            assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(signWithKid("ES256", "ec-2", ec.getPrivate()))),
                    AdminAuthFailure.BAD_SIGNATURE, "");
            assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(signWithKid("ES256", "no-alg", noAlg.getPrivate()))),
                    AdminAuthFailure.BAD_SIGNATURE, "names no alg");
            assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(signWithKid("ES256", "rsa-1", ec.getPrivate()))),
                    AdminAuthFailure.BAD_SIGNATURE, "differs from its JWK's alg RS256");
            assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("ES256", claims("admin"), ec.getPrivate()))),
                    AdminAuthFailure.BAD_SIGNATURE, "");
        }
    }

    private static String signWithKid(String alg, String kid, PrivateKey key) {
        return TestPki.sign(TestPki.JSON.createObjectNode().put("alg", alg).put("kid", kid), claims("admin"), key);
    }

    @Test
    void providersAreTriedInOrderAndTheMostTellingFailureIsReported() throws Exception {
        KeyPair first = TestPki.ed25519();
        AdminAuthorizer authorizer = authorizer(pemProvider(Optional.of("first"), Optional.empty(), first),
                pemProvider(Optional.of("tenant"), Optional.empty(), adminKeys));
        authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", claims("admin"), adminKeys.getPrivate())));
        authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", claims("admin").put("iss", "first"), first.getPrivate())));
        ObjectNode elsewhere = claims("admin").put("iss", "elsewhere");
        assertRefused(() -> authorizer.authorize("POST", RESOURCE, bearer(sign("EdDSA", elsewhere, adminKeys.getPrivate()))),
                AdminAuthFailure.WRONG_ISSUER, "identity provider 1 (issuer 'tenant')");
    }

    @Test
    void keySourcesAndAclExpressionsAreCheckedAtStartUp() throws Exception {
        var missing = new AdminConfig.IdentityProvider(Optional.empty(), Optional.empty(),
                Optional.of(dir.resolve("absent.pem").toString()), Optional.empty());
        assertThatThrownBy(() -> authorizer(missing)).isInstanceOfSatisfying(AdminAuthInitializationException.class, e -> {
            assertThat(e.getMessage()).startsWith("admin.authentication.bearer_jwt.identity_providers[0]: cannot read key file");
            assertThat(e.errorType()).isEqualTo("AdminAuthInitialization");
        });
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        var bad = new AdminConfig.IdentityProvider(Optional.empty(), Optional.empty(), Optional.of(notAKey.toString()),
                Optional.empty());
        assertThatThrownBy(() -> authorizer(bad)).isInstanceOf(AdminAuthInitializationException.class)
                .hasMessageContaining("holds no PEM public key");
        var http = new AdminConfig.IdentityProvider(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("http://127.0.0.1:1/jwks"));
        assertThatThrownBy(() -> authorizer(http)).hasMessageContaining("plain http");

        var good = new AdminConfig.BearerJwt(List.of(pemProvider(Optional.empty(), Optional.empty(), adminKeys)), false, false);
        for (String regex : List.of("^/kbs/v0/.+", "/kbs/v0/.+$", "^/kbs/(x$")) {
            var acl = new AdminConfig.RegexAcl(List.of(new AdminConfig.AclRule("admin", regex)));
            assertThatThrownBy(() -> AdminAuthorizer.create(AdminConfig.authenticated(good, acl),
                    KeySourceReader.withDefaultHttpClient(), CLOCK))
                    .isInstanceOf(AdminAuthInitializationException.class)
                    .hasMessageStartingWith("admin.authorization.regex_acl.acls[0].allowed_endpoints");
        }
    }
}
