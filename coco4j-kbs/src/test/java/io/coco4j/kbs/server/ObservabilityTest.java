package io.coco4j.kbs.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.ConfigFormat;
import io.coco4j.kbs.testing.CapturedLogs;
import io.coco4j.kbs.testing.PrometheusText;
import io.coco4j.kbs.testing.TcpRelay;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.protocol.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics}, {@code /readyz}, request ids and what the logs never contain, against a real KBS. */
class ObservabilityTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path dir;

    private static double value(PrometheusText metrics, String name, String... labels) {
        return metrics.value(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels)
                + " in\n" + metrics.text()));
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndAttestationsByTee() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            byte[] secret = "metrics-test-secret".getBytes(StandardCharsets.UTF_8);
            kbs.setResource("default/private-name-7731/key", secret);
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            String token = guest.handshake();
            assertThat(guest.getResource("default/private-name-7731/key").statusCode()).isEqualTo(200);
            assertThat(guest.getResource("default/missing-name-4411/key").statusCode()).isEqualTo(404);
            TestKbs.Guest refused = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            refused.auth("sample");
            String other = Base64.getEncoder().encodeToString(new byte[32]);
            assertThat(refused.attest(refused.attestation(refused.nonce, other)).statusCode()).isEqualTo(401);
            assertThat(kbs.send("GET", "/healthz", null).statusCode()).isEqualTo(200);

            PrometheusText metrics = kbs.metrics();
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/kbs/v0/auth", "method", "POST", "status", "200")).isEqualTo(2);
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/kbs/v0/attest", "method", "POST", "status", "200")).isEqualTo(1);
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/kbs/v0/attest", "method", "POST", "status", "401")).isEqualTo(1);
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/kbs/v0/resource/{path}", "method", "GET", "status", "200"))
                    .isEqualTo(1);
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/kbs/v0/resource/{path}", "method", "GET", "status", "404"))
                    .isEqualTo(1);
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/kbs/v0/resource/{path}", "method", "POST", "status", "200"))
                    .isEqualTo(1);
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/healthz", "method", "GET", "status", "200")).isEqualTo(1);
            assertThat(value(metrics, "kbs_http_request_duration_seconds_count", "route", "/kbs/v0/auth", "status", "200")).isEqualTo(2);
            assertThat(value(metrics, "kbs_http_request_duration_seconds_bucket", "route", "/kbs/v0/auth", "status", "200", "le", "+Inf"))
                    .isEqualTo(2);
            assertThat(value(metrics, "kbs_http_request_duration_seconds_bucket", "route", "/kbs/v0/auth", "status", "200", "le", "10.0"))
                    .isEqualTo(2);

            assertThat(value(metrics, "kbs_attestation_successes_total", "tee_type", "sample")).isEqualTo(1);
            assertThat(value(metrics, "kbs_attestation_failures_total", "tee_type", "sample")).isEqualTo(1);
            assertThat(value(metrics, "kbs_attestation_duration_seconds_count", "tee_type", "sample")).isEqualTo(2);
            assertThat(value(metrics, "kbs_verifier_duration_seconds_count", "tee_type", "sample", "outcome", "verified")).isEqualTo(1);
            assertThat(value(metrics, "kbs_verifier_duration_seconds_count", "tee_type", "sample", "outcome", "rejected")).isEqualTo(1);
            assertThat(value(metrics, "kbs_attestation_policy_results_total", "policy", "default_cpu", "status", "contraindicated"))
                    .as("the sample evidence without reference values").isEqualTo(1);
            // the policy runs before the plugin looks for the resource: both requests were evaluated and allowed
            assertThat(value(metrics, "kbs_policy_evaluations_total")).isEqualTo(2);
            assertThat(value(metrics, "kbs_policy_approvals_total")).isEqualTo(2);
            assertThat(value(metrics, "kbs_policy_violations_total")).isZero();
            assertThat(value(metrics, "kbs_limit_rejections_total", "limit", "max_sessions")).as("present at zero").isZero();
            assertThat(value(metrics, "kbs_sessions_evicted_total")).isZero();
            assertThat(metrics.text()).contains("jvm_memory_used_bytes");

            assertThat(metrics.samples()).as("/metrics is not counted").noneMatch(s -> "/metrics".equals(s.labels().get("route")));
            assertThat(metrics.text()).doesNotContain("private-name-7731").doesNotContain("missing-name-4411")
                    .doesNotContain("metrics-test-secret").doesNotContain(token).doesNotContain(guest.cookie.split("=")[1]);
        }
    }

    @Test
    void policyDenialsAndOnlyGetOnTheOperationsEndpoints() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            kbs.setResource("default/key/1", new byte[] {1});
            String denyAll = "package policy\nimport rego.v1\ndefault allow := false\n";
            assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(denyAll.getBytes(StandardCharsets.UTF_8)) + "\"}",
                    "Authorization", "Bearer " + kbs.adminToken()).statusCode()).isEqualTo(200);
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.handshake();
            assertThat(guest.getResource("default/key/1").statusCode()).isEqualTo(401);
            PrometheusText metrics = kbs.metrics();
            assertThat(value(metrics, "kbs_policy_evaluations_total")).isEqualTo(1);
            assertThat(value(metrics, "kbs_policy_violations_total")).isEqualTo(1);
            assertThat(value(metrics, "kbs_policy_approvals_total")).isZero();
            assertThat(value(metrics, "kbs_http_requests_total", "route", "/kbs/v0/resource-policy", "method", "POST", "status", "200"))
                    .isEqualTo(1);

            for (String path : new String[] {"/metrics", "/readyz"}) {
                HttpResponse<byte[]> post = kbs.send("POST", path, new byte[0]);
                assertThat(post.statusCode()).as(path).isEqualTo(405);
                assertThat(post.headers().firstValue("allow")).hasValue("GET");
                assertThat(Json.readTree(post.body()).get("detail").asText()).isEqualTo("only GET " + path);
            }
            HttpResponse<byte[]> unknown = kbs.send("GET", "/kbs/v0/no-such-plugin/secret-looking-path", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(value(kbs.metrics(), "kbs_http_requests_total", "route", "/kbs/v0/{unknown}", "status", "404")).isEqualTo(1);
        }
    }

    private static List<ILoggingEvent> traced(CapturedLogs logs, String requestId) {
        return logs.events().stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get("request_id"))).toList();
    }

    @Test
    void everyResponseCarriesARequestIdThatTheLogLinesShare() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT); CapturedLogs logs = new CapturedLogs()) {
            assertThat(kbs.send("GET", "/healthz", null).headers().firstValue("x-request-id")).hasValueSatisfying(id ->
                    assertThat(id).matches(UUID));
            assertThat(kbs.send("GET", "/healthz", null, "X-Request-Id", "proxy-7.a:b_c").headers().firstValue("x-request-id"))
                    .as("a well-formed id is kept").hasValue("proxy-7.a:b_c");
            for (String bad : new String[] {"x".repeat(129), "a b", "a\"b", "{}", "é"}) {
                assertThat(kbs.send("GET", "/healthz", null, "X-Request-Id", bad).headers().firstValue("x-request-id"))
                        .as(bad).hasValueSatisfying(id -> assertThat(id).matches(UUID));
            }

            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("sample");
            String other = Base64.getEncoder().encodeToString(new byte[32]);
            HttpResponse<byte[]> refused = kbs.post("/kbs/v0/attest", Json.write(guest.attestation(guest.nonce, other)),
                    "Cookie", guest.cookie, "X-Request-Id", "attest-trace-1");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("x-request-id")).hasValue("attest-trace-1");

            // the access line is written once the response is complete, which may be just after the client has it
            List<ILoggingEvent> traced = traced(logs, "attest-trace-1");
            for (int i = 0; i < 100 && traced.stream().noneMatch(e -> e.getLoggerName().equals("io.coco4j.kbs.access")); i++) {
                Thread.sleep(20);
                traced = traced(logs, "attest-trace-1");
            }
            assertThat(traced).as("the refusal inside the request").anySatisfy(e -> {
                assertThat(e.getLoggerName()).isEqualTo("io.coco4j.kbs.rcar.RcarService");
                assertThat(e.getFormattedMessage()).startsWith("attestation refused (sample): ");
            });
            assertThat(traced).as("the access log line").anySatisfy(e -> {
                assertThat(e.getLoggerName()).isEqualTo("io.coco4j.kbs.access");
                assertThat(e.getFormattedMessage()).matches("POST /kbs/v0/attest 401 [0-9.]+ ms");
            });
            assertThat(logs.events()).as("no request id outside requests")
                    .filteredOn(e -> e.getLoggerName().equals("io.coco4j.kbs.access"))
                    .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsKey("request_id"));
        }
    }

    @Test
    void noResourceValueTokenCookieOrKeyEverReachesTheLogs() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT); CapturedLogs logs = new CapturedLogs()) {
            String secret = "resource-value-9d41c7e0b2";
            kbs.setResource("default/app/secret", secret.getBytes(StandardCharsets.UTF_8));
            String adminToken = kbs.adminToken();
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            String token = guest.handshake();
            String sessionId = guest.cookie.split("=")[1];
            assertThat(guest.getResource("default/app/secret").statusCode()).isEqualTo(200);
            assertThat(kbs.send("GET", "/kbs/v0/resource/default/app/secret", null, "Authorization", "Bearer " + token)
                    .statusCode()).isEqualTo(200);
            // failures log more than successes: a tampered token, a replayed attest, a wrong admin
            String tampered = token.substring(0, token.length() - 4) + "AAAA";
            assertThat(kbs.send("GET", "/kbs/v0/resource/default/app/secret", null, "Authorization", "Bearer " + tampered)
                    .statusCode()).isEqualTo(401);
            assertThat(kbs.send("GET", "/kbs/v0/resource/default/app/secret", null, "Cookie", "kbs-session-id=" + sessionId + "0")
                    .statusCode()).isEqualTo(401);
            assertThat(kbs.send("POST", "/kbs/v0/resource/default/app/other", secret.getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + adminToken + "x").statusCode()).isEqualTo(401);
            TestKbs.Guest second = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            second.auth("sample");
            assertThat(second.attest(second.attestation(second.nonce, guest.nonce)).statusCode()).isEqualTo(401);
            kbs.send("GET", "/metrics", null);

            List<String> rendered = logs.rendered();
            assertThat(rendered).as("the flows were logged").hasSizeGreaterThan(10);
            String all = String.join("\n", rendered);
            String signerKey = java.nio.file.Files.readString(kbs.data.tokenSignerKey()).lines()
                    .filter(line -> !line.startsWith("-----")).reduce("", String::concat);
            assertThat(all).doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(token).doesNotContain(token.split("\\.")[2]).doesNotContain(tampered)
                    .doesNotContain(adminToken.split("\\.")[2])
                    .doesNotContain(sessionId).doesNotContain(second.cookie.split("=")[1])
                    .doesNotContain(guest.nonce).doesNotContain(signerKey.substring(0, 40));
            assertThat(signerKey).hasSizeGreaterThan(40);
        }
    }

    @Test
    void readinessIsReadyWhenStorageAndSessionsAnswer() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            HttpResponse<byte[]> ready = kbs.send("GET", "/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(Json.readTree(ready.body())).isEqualTo(Json.readTree("{\"status\":\"ready\",\"checks\":{\"storage\":\"up\",\"sessions\":\"up\"}}"));
        }
    }

    @Test
    void readinessNamesTheSessionStoreWhenRedisIsGone() throws Exception {
        URI redis = URI.create(TestRedis.url());
        try (TcpRelay relay = new TcpRelay(redis.getHost(), redis.getPort())) {
            String config = "session_storage_type = \"Redis\"\n" + base() + """
                    [storage_backend.backends.redis]
                    url = "redis://127.0.0.1:%d"
                    """.formatted(relay.port());
            try (TestKbs kbs = start(config)) {
                assertThat(kbs.send("GET", "/readyz", null).statusCode()).isEqualTo(200);
                relay.cut();
                HttpResponse<byte[]> down = kbs.send("GET", "/readyz", null);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(Json.readTree(down.body())).isEqualTo(Json.readTree(
                        "{\"status\":\"unavailable\",\"down\":[\"sessions\"],\"checks\":{\"storage\":\"up\",\"sessions\":\"down\"}}"));
                assertThat(kbs.send("GET", "/healthz", null).statusCode()).as("alive, only not ready").isEqualTo(200);
            }
        }
    }

    @Test
    void readinessNamesTheStorageWhenPostgresIsGone() throws Exception {
        TestPostgres.Database database = TestPostgres.freshSchema();
        URI jdbc = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (TcpRelay relay = new TcpRelay(jdbc.getHost(), jdbc.getPort())) {
            String url = database.jdbcUrl().replace(jdbc.getHost() + ":" + jdbc.getPort(), "127.0.0.1:" + relay.port());
            String config = base() + """
                    [storage_backend]
                    storage_type = "Postgres"
                    [storage_backend.backends.postgres]
                    url = "%s"
                    username = "%s"
                    password = "%s"
                    """.formatted(url, database.user(), database.password());
            try (TestKbs kbs = start(config)) {
                assertThat(kbs.send("GET", "/readyz", null).statusCode()).isEqualTo(200);
                relay.cut();
                HttpResponse<byte[]> down = kbs.send("GET", "/readyz", null);
                assertThat(down.statusCode()).isEqualTo(503);
                JsonNode body = Json.readTree(down.body());
                assertThat(body.get("status").asText()).isEqualTo("unavailable");
                assertThat(body.get("down").toString()).as("the sessions live in the same database")
                        .isEqualTo("[\"storage\",\"sessions\"]");
            }
        } finally {
            TestPostgres.drop(database);
        }
    }

    private String base() {
        return """
                [http_server]
                sockets = ["127.0.0.1:0"]
                insecure_http = true
                [admin]
                authorization_mode = "DenyAll"
                """;
    }

    private TestKbs start(String toml) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        return TestKbs.start(new KbsServer.Options(KbsConfigLoader.parse(toml, ConfigFormat.TOML).config(), ServerMode.PRODUCTION,
                data, List.of()).withEnvironment(Map.of()));
    }
}
