package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.jose.EcTeePublicKey;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.RsaTeePublicKey;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The KBS HTTP API against a real server on a loopback port, in development mode (sample TEE). */
class KbsHttpApiTest {

    private static final byte[] SECRET = "the secret \u00e9\u0000\u00ff".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private TestKbs kbs;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
        kbs.setResource("default/key/1", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private static JsonNode error(HttpResponse<byte[]> response) throws Exception {
        return Json.readTree(response.body());
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String variant, String detailPart) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        JsonNode body = error(response);
        assertThat(body.get("type").asText()).isEqualTo("https://github.com/confidential-containers/kbs/errors/" + variant);
        assertThat(body.get("detail").asText()).contains(detailPart);
    }

    @Test
    void authAnswersTheChallengeAndCookieAsTheReference() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        HttpResponse<byte[]> response = guest.auth("sample");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode challenge = Json.readTree(response.body());
        assertThat(challenge.get("extra-params").isTextual()).isTrue();
        assertThat(challenge.get("extra-params").asText()).isEmpty();
        assertThat(Base64.getDecoder().decode(challenge.get("nonce").asText())).hasSize(32);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie).matches("kbs-session-id=[0-9a-f]{32}; Expires=[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }

    @Test
    void cookieSessionDeliversTheResourceAsJwe() throws Exception {
        for (TeeKeyAlgorithm algorithm : TeeKeyAlgorithm.values()) {
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(algorithm));
            guest.handshake();
            HttpResponse<byte[]> response = guest.getResource("default/key/1");
            assertThat(response.statusCode()).as(algorithm.name()).isEqualTo(200);
            assertThat(response.headers().allValues("set-cookie")).isEmpty();
            JweResponse jwe = Json.read(response.body(), JweResponse.class);
            assertThat(ResourceDecryptor.decrypt(jwe, guest.key)).isEqualTo(SECRET);
        }
    }

    @Test
    void bearerTokenDeliversTheResourceWithoutACookie() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        String token = guest.handshake();
        HttpResponse<byte[]> response = kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ResourceDecryptor.decrypt(Json.read(response.body(), JweResponse.class), guest.key)).isEqualTo(SECRET);
    }

    @Test
    void secondAttestReturnsTheStoredTokenAndIgnoresTheBody() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        String first = guest.handshake();
        ObjectNode garbage = Json.mapper().createObjectNode();
        garbage.putObject("runtime-data").put("nonce", "not the nonce");
        garbage.putObject("tee-evidence");
        HttpResponse<byte[]> again = guest.attest(garbage);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.readTree(again.body()).get("token").asText()).isEqualTo(first);
    }

    @Test
    void wrongProtocolVersionIsRefused() throws Exception {
        for (String version : new String[] {"0.3.0", "0.4.0-rc1", "v0.4.0", "0.4"}) {
            assertError(kbs.post("/kbs/v0/auth", "{\"version\":\"" + version + "\",\"tee\":\"sample\",\"extra-params\":{}}"),
                    401, "AttestationError", "KBS Client Protocol Version Mismatch: expect =0.4.0 while the request is " + version);
        }
        assertThat(kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0+build.7\",\"tee\":\"sample\",\"extra-params\":\"\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownTeeIsRefused() throws Exception {
        assertError(kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"quantum\",\"extra-params\":{}}"),
                401, "AttestationError", "unknown TEE 'quantum'");
    }

    @Test
    void attestWithoutOrWithAnUnknownCookieIsRefused() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
        ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
        assertError(kbs.post("/kbs/v0/attest", Json.write(body)), 401, "AttestationError", "no kbs-session-id cookie");
        assertError(kbs.post("/kbs/v0/attest", Json.write(body), "Cookie", "kbs-session-id=0123456789abcdef0123456789abcdef"),
                401, "AttestationError", "unknown or expired");
    }

    @Test
    void nonceMismatchIsRefusedAndTheSessionStaysUnattested() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        assertError(guest.attest(guest.attestation(other, other)), 401, "AttestationError", "nonce does not match");
        assertError(guest.getResource("default/key/1"), 401, "TokenNotFound", "no attestation token");
    }

    @Test
    void reportDataBoundToAnotherNonceIsRefused() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        assertError(guest.attest(guest.attestation(guest.nonce, other)), 401, "AttestationError", "report");
    }

    @Test
    void evidenceReplayedIntoANewSessionIsRefused() throws Exception {
        TestKbs.Guest victim = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        victim.auth("sample");
        ObjectNode captured = victim.attestation(victim.nonce, victim.nonce);
        TestKbs.Guest attacker = kbs.guest(victim.key);
        attacker.auth("sample");
        // replayed verbatim: the old nonce does not match the new session
        assertError(attacker.attest(captured), 401, "AttestationError", "nonce does not match");
        // nonce rewritten to the new session: the report still binds the old one
        ((ObjectNode) captured.get("runtime-data")).put("nonce", attacker.nonce);
        assertError(attacker.attest(captured), 401, "AttestationError", "report");
    }

    @Test
    void rsa15AndOffCurveTeeKeysAreRefusedAtAttest() throws Exception {
        TestKbs.Guest rsaGuest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256));
        rsaGuest.auth("sample");
        ObjectNode body = rsaGuest.attestation(rsaGuest.nonce, rsaGuest.nonce);
        RsaTeePublicKey rsa = (RsaTeePublicKey) rsaGuest.key.publicJwk();
        ((ObjectNode) body.get("runtime-data")).set("tee-pubkey", new RsaTeePublicKey("RSA1_5", rsa.n(), rsa.e()).toJson());
        assertError(rsaGuest.attest(body), 401, "AttestationError", "RSA1_5 is refused");

        TestKbs.Guest ecGuest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        ecGuest.auth("sample");
        ObjectNode ecBody = ecGuest.attestation(ecGuest.nonce, ecGuest.nonce);
        EcTeePublicKey ec = (EcTeePublicKey) ecGuest.key.publicJwk();
        byte[] y = Base64.getUrlDecoder().decode(ec.y());
        y[31] ^= 1;
        EcTeePublicKey offCurve = new EcTeePublicKey(ec.crv(), ec.alg(), ec.x(), Base64.getUrlEncoder().withoutPadding().encodeToString(y));
        ((ObjectNode) ecBody.get("runtime-data")).set("tee-pubkey", offCurve.toJson());
        assertError(ecGuest.attest(ecBody), 401, "AttestationError", "not on curve");
    }

    @Test
    void tamperedUnsignedAndForeignTokensAreRefused() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        String token = guest.handshake();
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[5] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        for (String bad : new String[] {tampered, none}) {
            assertError(kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + bad),
                    401, "TokenVerifierError", "");
        }
        // a token from another KBS, whose signer this one does not trust
        try (TestKbs other = TestKbs.start(dir.resolve("other"), ServerMode.DEVELOPMENT)) {
            String foreign = other.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256)).handshake();
            assertError(kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + foreign),
                    401, "TokenVerifierError", "");
        }
    }

    @Test
    void largeAuthorizationHeadersReachTheKbs() throws Exception {
        String big = "x".repeat(150 * 1024);
        assertError(kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + big),
                401, "TokenVerifierError", "");
    }

    @Test
    void missingResourcesAre404AndMalformedPaths400() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.handshake();
        assertError(guest.getResource("default/key/404"), 404, "ResourceNotFound", "default/key/404");
        assertError(guest.getResource("default/key"), 400, "InvalidResourcePath", "");
        HttpResponse<byte[]> encoded = guest.getResource("default/..%2F..%2Fetc/passwd");
        assertThat(encoded.statusCode()).isEqualTo(400);
        assertThat(error(encoded).get("type").asText()).isEqualTo("https://github.com/confidential-containers/kbs/errors/InvalidResourcePath");
        assertError(guest.getResource("default/.hidden/x"), 400, "InvalidResourcePath", "");
        assertError(kbs.send("GET", "/kbs/v0/nosuchplugin/a", null, "Cookie", guest.cookie), 404, "PluginNotFound", "nosuchplugin");
        assertError(kbs.send("GET", "/kbs/v0/auth", null), 404, "PluginNotFound", "auth");
    }

    @Test
    void createOnlyUploadsNeverReplaceAStoredResource() throws Exception {
        String admin = "Bearer " + kbs.adminToken();
        assertError(kbs.send("POST", "/kbs/v0/resource/default/key/1?overwrite=false", new byte[] {9}, "Authorization", admin),
                409, "ResourceExists", "already exists");
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.handshake();
        assertThat(guest.getResource("default/key/1").statusCode()).isEqualTo(200);
        assertThat(kbs.send("POST", "/kbs/v0/resource/default/key/new?overwrite=false", new byte[] {9}, "Authorization", admin)
                .statusCode()).isEqualTo(200);
        assertThat(kbs.server.storage().namespace(Namespace.REPOSITORY).get("default/key/1")).hasValue(SECRET);
    }

    @Test
    void adminTraversalIsRefusedAndStoresNothing() throws Exception {
        String admin = "Bearer " + kbs.adminToken();
        for (String path : new String[] {"a/..%2F..%2Fx/y", "..%2F..%2Fetc/x/y", "a/b", "a/b/c/d", "a/b/.x"}) {
            HttpResponse<byte[]> response = kbs.send("POST", "/kbs/v0/resource/" + path, new byte[] {1}, "Authorization", admin);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
        }
        assertThat(kbs.server.storage().namespace(Namespace.REPOSITORY).keys()).containsExactly("default/key/1");
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024];
        assertError(kbs.send("POST", "/kbs/v0/auth", body), 413, "PayloadTooLarge", "payload_request_size");
        assertError(kbs.send("POST", "/kbs/v0/resource/default/key/2", body, "Authorization", "Bearer " + kbs.adminToken()),
                413, "PayloadTooLarge", "");
    }

    @Test
    void adminRequestsNeedAValidTokenWithAnAllowedRole() throws Exception {
        String path = "/kbs/v0/resource/default/key/9";
        assertError(kbs.send("POST", path, new byte[] {1}), 401, "AdminAuthInitialization", "");
        assertError(kbs.send("POST", path, new byte[] {1}, "Authorization", "Bearer " + kbs.adminToken("admin", Duration.ofMinutes(1), java.time.Instant.now().minus(Duration.ofMinutes(10)))),
                401, "AdminAuthInitialization", "");
        assertError(kbs.send("POST", path, new byte[] {1}, "Authorization", "Bearer " + kbs.adminToken("reader", Duration.ofMinutes(5))),
                401, "AdminAuthInitialization", "");
        try (TestKbs other = TestKbs.start(dir.resolve("other-admin"), ServerMode.DEVELOPMENT)) {
            assertError(kbs.send("POST", path, new byte[] {1}, "Authorization", "Bearer " + other.adminToken()),
                    401, "AdminAuthInitialization", "");
        }
        assertThat(kbs.server.storage().namespace(Namespace.REPOSITORY).keys()).containsExactly("default/key/1");
        assertError(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"cGFja2FnZSBwb2xpY3k\"}"), 401, "AdminAuthAccess", "");
    }

    @Test
    void deleteRemovesTheResource() throws Exception {
        String admin = "Bearer " + kbs.adminToken();
        assertThat(kbs.send("DELETE", "/kbs/v0/resource/default/key/1", null, "Authorization", admin).statusCode()).isEqualTo(200);
        assertError(kbs.send("DELETE", "/kbs/v0/resource/default/key/1", null, "Authorization", admin), 404, "ResourceNotFound", "");
    }

    @Test
    void referenceValuesTurnTheSampleAppraisalAffirming() throws Exception {
        String admin = "Bearer " + kbs.adminToken();
        TestKbs.Guest before = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(earStatus(before.handshake())).isEqualTo("contraindicated");

        String values = "{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],\"major_version\":1,\"minimum_minor_version\":0}";
        String message = "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                + Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8)) + "\"}";
        assertThat(kbs.post("/kbs/v0/reference-value", message, "Authorization", admin).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> svn = kbs.send("GET", "/kbs/v0/reference-value/svn", null, "Authorization", admin);
        assertThat(new String(svn.body(), StandardCharsets.UTF_8)).isEqualTo("[\"1\"]");
        assertError(kbs.send("GET", "/kbs/v0/reference-value/no/such/id", null, "Authorization", admin),
                401, "RvpsError", "No reference value found for the given id: no/such/id");
        assertError(kbs.send("GET", "/kbs/v0/reference-value/svn", null), 401, "AdminAuthAccess", "");
        assertError(kbs.post("/kbs/v0/reference-value", "{\"version\":\"9\",\"type\":\"sample\",\"payload\":\"\"}",
                "Authorization", admin), 401, "RvpsError", "");

        TestKbs.Guest after = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(earStatus(after.handshake())).isEqualTo("affirming");
    }

    private static String earStatus(String token) throws Exception {
        JsonNode claims = Json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return claims.at("/submods/cpu0/ear.status").asText();
    }

    @Test
    void anUploadedResourcePolicyReplacesTheDemoDefault() throws Exception {
        String admin = "Bearer " + kbs.adminToken();
        assertThat(new String(kbs.send("GET", "/kbs/v0/resource-policy", null, "Authorization", admin).body(), StandardCharsets.UTF_8))
                .as("the demo default is applied, not stored").isEqualTo("[]");
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.handshake();
        assertThat(guest.getResource("default/key/1").statusCode()).isEqualTo(200);

        String onlyTag2 = "package policy\nimport rego.v1\ndefault allow := false\nallow if data[\"resource-path\"][2] == \"2\"\n";
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(onlyTag2.getBytes(StandardCharsets.UTF_8));
        assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + encoded + "\"}", "Authorization", admin).statusCode()).isEqualTo(200);
        assertError(guest.getResource("default/key/1"), 401, "PolicyDeny", "Access denied by policy");
        kbs.setResource("default/key/2", SECRET);
        assertThat(guest.getResource("default/key/2").statusCode()).isEqualTo(200);
        assertThat(new String(kbs.send("GET", "/kbs/v0/resource-policy", null, "Authorization", admin).body(), StandardCharsets.UTF_8))
                .isEqualTo("[\"resource-policy\"]");
    }

    @Test
    void jwksAndHealth() throws Exception {
        JsonNode jwks = Json.readTree(kbs.send("GET", "/.well-known/jwks.json", null).body());
        assertThat(jwks.get("keys").get(0).get("alg").asText()).isEqualTo("ES256");
        assertThat(jwks.get("keys").get(0).get("x5c").size()).isEqualTo(1);
        assertThat(kbs.send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    }
}
