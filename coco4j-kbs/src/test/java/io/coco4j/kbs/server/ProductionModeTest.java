package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A production KBS: HTTPS only, no sample TEE, the reference's default resource policy. */
class ProductionModeTest {

    @TempDir
    Path dir;

    private static JsonNode body(HttpResponse<byte[]> response) throws Exception {
        return Json.readTree(response.body());
    }

    @Test
    void servesHttpsWithAGeneratedCertificate() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            assertThat(kbs.url).startsWith("https://");
            assertThat(kbs.server.tls()).isPresent();
            assertThat(kbs.send("GET", "/healthz", null).statusCode()).isEqualTo(200);
            for (String tee : new String[] {"snp", "az-snp-vtpm", "tdx", "sgx", "az-tdx-vtpm"}) {
                HttpResponse<byte[]> auth = kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"" + tee + "\",\"extra-params\":{}}");
                assertThat(auth.statusCode()).as(tee).isEqualTo(200);
            }
            HttpResponse<byte[]> cca = kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"cca\",\"extra-params\":{}}");
            assertThat(cca.statusCode()).isEqualTo(401);
            assertThat(body(cca).get("detail").asText()).contains("'cca' is not accepted");
        }
    }

    @Test
    void cookiesOverHttpsAreSecureHttpOnlyAndStrict() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT, true)) {
            assertThat(kbs.url).startsWith("https://");
            HttpResponse<byte[]> auth = kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"sample\",\"extra-params\":{}}");
            assertThat(auth.headers().firstValue("set-cookie").orElseThrow()).endsWith("; Secure; HttpOnly; SameSite=Strict");
        }
    }

    @Test
    void theSampleTeeIsRefused() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            HttpResponse<byte[]> auth = kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"sample\",\"extra-params\":{}}");
            assertThat(auth.statusCode()).isEqualTo(401);
            assertThat(body(auth).get("type").asText()).endsWith("/AttestationError");
            assertThat(body(auth).get("detail").asText()).contains("--dev");
        }
    }

    @Test
    void aSampleTokenGetsNoResourceFromAProductionKbs() throws Exception {
        // a development KBS and a production KBS sharing one data directory, so one token signer
        String token;
        try (TestKbs dev = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            token = dev.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256)).handshake();
        }
        try (TestKbs production = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            production.setResource("default/key/1", new byte[] {42});
            HttpResponse<byte[]> response = production.send("GET", "/kbs/v0/resource/default/key/1", null,
                    "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(401);
            assertThat(body(response).get("type").asText()).endsWith("/PolicyDeny");
        }
    }

    @Test
    void productionStartsWithTheAffirmingPolicyStoredAndUploadsAreValidated() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            String admin = "Bearer " + kbs.adminToken();
            assertThat(new String(kbs.send("GET", "/kbs/v0/resource-policy", null, "Authorization", admin).body(), StandardCharsets.UTF_8))
                    .isEqualTo("[\"resource-policy\"]");
            String broken = Base64.getUrlEncoder().withoutPadding().encodeToString("package policy\nallow if {\n".getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> refused = kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + broken + "\"}", "Authorization", admin);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(body(refused).get("type").asText()).endsWith("/PolicyEngineError");
            assertThat(body(refused).get("detail").asText()).contains("resource-policy.rego:");
            String attestationPolicy = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "package policy\nimport rego.v1\ntrust_claims := {\"hardware\": 2}\n".getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> accepted = kbs.post("/kbs/v0/attestation-policy",
                    "{\"type\":\"rego\",\"policy_id\":\"default_cpu\",\"policy\":\"" + attestationPolicy + "\"}", "Authorization", admin);
            assertThat(accepted.statusCode()).isEqualTo(200);
            HttpResponse<byte[]> badAttestation = kbs.post("/kbs/v0/attestation-policy",
                    "{\"type\":\"rego\",\"policy_id\":\"default_cpu\",\"policy\":\"" + broken + "\"}", "Authorization", admin);
            assertThat(body(badAttestation).get("type").asText()).endsWith("/PolicyEngineError");
            assertThat(body(badAttestation).get("detail").asText()).contains("default_cpu.rego:");
            HttpResponse<byte[]> padded = kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + broken + "==\"}", "Authorization", admin);
            assertThat(padded.statusCode()).isEqualTo(400);
        }
    }
}
