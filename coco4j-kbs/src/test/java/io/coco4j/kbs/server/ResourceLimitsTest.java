package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.ConfigFormat;
import io.coco4j.kbs.config.HttpServerConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.LimitsConfig;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bound of {@code [limits]} (and the body limit) against a real KBS: its own error, and its counter in /metrics. */
class ResourceLimitsTest {

    /** Nine million iterations over small arrays: a policy that would run for minutes, without using memory. */
    private static final String RUNAWAY = "count([1 | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000)]) > 0";

    @TempDir
    Path dir;

    private TestKbs start(ServerMode mode, String limitsTable) throws Exception {
        return start(mode, limitsTable, HttpServerConfig.DEFAULT_PAYLOAD_REQUEST_SIZE_MIB);
    }

    private TestKbs start(ServerMode mode, String limitsTable, int payloadMiB) throws Exception {
        return start(mode, limitsTable, payloadMiB, Clock.systemUTC());
    }

    private TestKbs start(ServerMode mode, String limitsTable, int payloadMiB, Clock clock) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig embedded = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        LimitsConfig limits = KbsConfigLoader.parse("[http_server]\n[admin]\nauthorization_mode = \"DenyAll\"\n" + limitsTable,
                ConfigFormat.TOML).config().limits();
        HttpServerConfig h = embedded.httpServer();
        HttpServerConfig http = new HttpServerConfig(h.sockets(), h.insecureHttp(), h.privateKey(), h.certificate(), payloadMiB,
                h.workerCount(), h.tlsProfile(), h.tlsMinVersion(), h.tlsMaxVersion(), h.tlsCiphers(), h.tlsGroups());
        return TestKbs.start(new KbsServer.Options(embedded.withLimits(limits).withHttpServer(http), mode, data, List.of())
                .withClock(clock));
    }

    private static double limitHits(TestKbs kbs, String limit) throws Exception {
        return metric(kbs, "kbs_limit_rejections_total", "limit", limit);
    }

    private static double metric(TestKbs kbs, String name, String... labels) throws Exception {
        return kbs.metrics().value(name, labels).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String variant, String... detailParts) throws Exception {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(text).isEqualTo(status);
        JsonNode body = Json.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("https://github.com/confidential-containers/kbs/errors/" + variant);
        for (String part : detailParts) {
            assertThat(body.get("detail").asText()).contains(part);
        }
    }

    private static String auth(String tee) {
        return "{\"version\":\"0.4.0\",\"tee\":\"" + tee + "\",\"extra-params\":{}}";
    }

    private static String encoded(String rego) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(rego.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFullSessionTableEvictsTheOldestUnattestedSessionPastTheGraceThenRefuses() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "[limits]\nmax_sessions = 2\n", HttpServerConfig.DEFAULT_PAYLOAD_REQUEST_SIZE_MIB,
                clock)) {
            kbs.setResource("default/key/1", new byte[] {7});
            TestKbs.Guest first = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            TestKbs.Guest second = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            TestKbs.Guest third = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            assertThat(first.auth("sample").statusCode()).isEqualTo(200);
            assertThat(second.auth("sample").statusCode()).isEqualTo(200);
            TestKbs.Guest early = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            assertError(early.auth("sample"), 503, "TooManySessions", "still attesting", "limits.max_sessions");
            clock.advance(Duration.ofSeconds(11));
            assertThat(third.auth("sample").statusCode()).as("room made by evicting the oldest").isEqualTo(200);
            assertError(first.attest(first.attestation(first.nonce, first.nonce)), 401, "AttestationError", "unknown or expired");
            assertThat(metric(kbs, "kbs_sessions_evicted_total")).isEqualTo(1);

            assertThat(second.attest(second.attestation(second.nonce, second.nonce)).statusCode()).isEqualTo(200);
            assertThat(third.attest(third.attestation(third.nonce, third.nonce)).statusCode()).isEqualTo(200);
            TestKbs.Guest fourth = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            clock.advance(Duration.ofSeconds(11));
            assertError(fourth.auth("sample"), 503, "TooManySessions", "2 sessions", "all attested", "limits.max_sessions");
            assertThat(second.getResource("default/key/1").statusCode()).as("attested sessions are never evicted").isEqualTo(200);
            assertThat(limitHits(kbs, "max_sessions")).isEqualTo(2);
        }
    }

    @Test
    void theRateLimitIsOnByDefaultInProductionAndAnswers429WithRetryAfter() throws Exception {
        try (TestKbs kbs = start(ServerMode.PRODUCTION, "[limits]\nrate_limit_burst = 2\nrate_limit_per_minute = 1\n")) {
            assertThat(kbs.post("/kbs/v0/auth", auth("snp")).statusCode()).isEqualTo(200);
            assertThat(kbs.post("/kbs/v0/auth", auth("snp")).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> limited = kbs.post("/kbs/v0/attest", "{}");
            assertError(limited, 429, "TooManyRequests", "too many requests from this address to /kbs/v0/attest",
                    "limits.rate_limit_per_minute");
            assertThat(Integer.parseInt(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(1, 60);
            assertThat(kbs.post("/kbs/v0/auth", auth("snp")).statusCode()).isEqualTo(429);
            assertThat(kbs.send("GET", "/healthz", null).statusCode()).as("other endpoints are not limited").isEqualTo(200);
            assertError(kbs.send("GET", "/kbs/v0/resource/default/key/1", null), 401, "TokenNotFound");
            assertThat(limitHits(kbs, "rate_limit")).isEqualTo(2);
            assertThat(metric(kbs, "kbs_http_requests_total", "route", "/kbs/v0/auth", "status", "429")).isEqualTo(1);
        }
    }

    @Test
    void theRateLimitIsOffByDefaultInDevelopmentAndDefaultHeadersCarryLargeTokens() throws Exception {
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "[limits]\nrate_limit_burst = 1\nrate_limit_per_minute = 1\n")) {
            for (int i = 0; i < 3; i++) {
                assertThat(kbs.post("/kbs/v0/auth", auth("sample")).statusCode()).isEqualTo(200);
            }
            // a 100 KiB bearer token (an EAR token with device evidence) fits the default 256 KiB header limit
            assertError(kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + "a".repeat(100 * 1024)),
                    401, "TokenVerifierError");
        }
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "[limits]\nrequest_header_size = 8\n")) {
            assertThat(kbs.send("GET", "/healthz", null, "X-Padding", "p".repeat(4 * 1024)).statusCode()).isEqualTo(200);
            assertError(kbs.send("GET", "/healthz", null, "X-Padding", "p".repeat(10 * 1024)), 431, "RequestHeaderTooLarge",
                    "limits.request_header_size");
            assertThat(limitHits(kbs, "request_header_size")).isEqualTo(1);
        }
    }

    @Test
    void oversizedBodiesGet413AtTheConfiguredSize() throws Exception {
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "", 1)) {
            assertError(kbs.send("POST", "/kbs/v0/auth", new byte[900 * 1024]), 401, "AttestationError", "not valid JSON");
            assertError(kbs.send("POST", "/kbs/v0/auth", new byte[1536 * 1024]), 413, "PayloadTooLarge",
                    "the request body exceeds the limit of 1048576 bytes (http_server.payload_request_size)");
            assertThat(limitHits(kbs, "payload_request_size")).isEqualTo(1);
        }
    }

    @Test
    void evidenceOverItsTeesLimitGets413BeforeVerificationAndTheSessionStays() throws Exception {
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "[limits.max_evidence_size]\nsample = 1024\nsampledevice = 1024\n")) {
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("sample");
            ObjectNode padded = guest.attestation(guest.nonce, guest.nonce);
            ((ObjectNode) padded.get("tee-evidence").get("primary_evidence")).put("padding", "x".repeat(2000));
            assertError(guest.attest(padded), 413, "PayloadTooLarge", "the sample evidence is ", "over the limit of 1024 bytes",
                    "(limits.max_evidence_size.sample)");

            ObjectNode withDevice = guest.attestation(guest.nonce, guest.nonce);
            ObjectNode device = Json.mapper().createObjectNode();
            device.putObject("sampledevice").put("padding", "y".repeat(2000));
            ((ObjectNode) withDevice.get("tee-evidence")).put("additional_evidence", Json.write(device));
            assertError(guest.attest(withDevice), 413, "PayloadTooLarge", "the sampledevice evidence is ",
                    "(limits.max_evidence_size.sampledevice)");
            assertThat(kbs.metrics().value("kbs_verifier_duration_seconds_count", "tee_type", "sample")).as("no verifier ran").isEmpty();

            assertThat(guest.attest(guest.attestation(guest.nonce, guest.nonce)).statusCode()).as("the session is still usable")
                    .isEqualTo(200);
            assertThat(limitHits(kbs, "max_evidence_size")).isEqualTo(2);
        }
    }

    @Test
    void aRunawayResourcePolicyIsStoppedWithAnErrorNamingTheLimit() throws Exception {
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "[limits]\npolicy_max_steps = 100000\n")) {
            kbs.setResource("default/key/1", new byte[] {7});
            String policy = "package policy\nimport rego.v1\ndefault allow := false\nallow if " + RUNAWAY + "\n";
            assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + encoded(policy) + "\"}",
                    "Authorization", "Bearer " + kbs.adminToken()).statusCode()).isEqualTo(200);
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.handshake();
            assertError(guest.getResource("default/key/1"), 401, "PolicyEngineError",
                    "the resource policy 'resource-policy' was stopped: ", "evaluation exceeded the limit of 100000 steps",
                    "limits.policy_max_steps");
            assertThat(limitHits(kbs, "policy_evaluation")).isEqualTo(1);
            assertThat(metric(kbs, "kbs_policy_errors_total")).isEqualTo(1);
        }
    }

    @Test
    void aRunawayResourcePolicyIsStoppedByTheTimeLimit() throws Exception {
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "[limits]\npolicy_max_steps = 10000000000\npolicy_timeout_ms = 100\n")) {
            kbs.setResource("default/key/1", new byte[] {7});
            String endless = "count([1 | some i in numbers.range(1, 1000); some j in numbers.range(1, 1000);"
                    + " some k in numbers.range(1, 1000)]) > 0";
            String policy = "package policy\nimport rego.v1\ndefault allow := false\nallow if " + endless + "\n";
            assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + encoded(policy) + "\"}",
                    "Authorization", "Bearer " + kbs.adminToken()).statusCode()).isEqualTo(200);
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.handshake();
            assertError(guest.getResource("default/key/1"), 401, "PolicyEngineError", "execution exceeded time limit of 100 ms",
                    "limits.policy_timeout_ms");
        }
    }

    @Test
    void aRunawayAttestationPolicyFailsTheAttestationWithAnErrorNamingTheLimit() throws Exception {
        try (TestKbs kbs = start(ServerMode.DEVELOPMENT, "[limits]\npolicy_max_steps = 100000\n")) {
            String policy = "package policy\nimport rego.v1\ntrust_claims := {\"executables\": 3} if " + RUNAWAY + "\n";
            assertThat(kbs.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"default_cpu\",\"policy\":\"" + encoded(policy) + "\"}",
                    "Authorization", "Bearer " + kbs.adminToken()).statusCode()).isEqualTo(200);
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("sample");
            assertError(guest.attest(guest.attestation(guest.nonce, guest.nonce)), 401, "AttestationError", "default_cpu",
                    "evaluation exceeded the limit of 100000 steps");
            assertThat(limitHits(kbs, "policy_evaluation")).isEqualTo(1);
            assertThat(metric(kbs, "kbs_attestation_failures_total", "tee_type", "sample")).isEqualTo(1);
        }
    }
}
