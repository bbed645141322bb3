package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** Oversized and deeply nested JSON: a clear error, no stack overflow, the server keeps serving. */
class HostileJsonAttackTest {

    @TempDir
    Path dir;

    @Test
    void deeplyNestedAndOversizedBodiesAreRefusedCleanly() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            String deep = "[".repeat(200_000) + "]".repeat(200_000);
            assertRefused(kbs.post("/kbs/v0/auth", deep), 401, "AttestationError");
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("sample");
            String deepEvidence = "{\"runtime-data\":{},\"tee-evidence\":{\"primary_evidence\":" + "{\"a\":".repeat(100_000)
                    + "1" + "}".repeat(100_000) + ",\"additional_evidence\":\"\"}}";
            assertRefused(kbs.post("/kbs/v0/attest", deepEvidence, "Cookie", guest.cookie), 401, "AttestationError");
            String deepDevices = "{\"runtime-data\":{},\"tee-evidence\":{\"primary_evidence\":{},\"additional_evidence\":\""
                    + "[".repeat(50_000) + "\"}}";
            assertRefused(kbs.post("/kbs/v0/attest", deepDevices, "Cookie", guest.cookie), 401, "AttestationError");
            byte[] huge = ("{\"version\":\"0.4.0\",\"tee\":\"sample\",\"extra-params\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            assertRefused(kbs.send("POST", "/kbs/v0/auth", huge), 413, "PayloadTooLarge");
            // still serving
            assertThat(kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256)).handshake()).isNotEmpty();
        }
    }

    @Test
    void deeplyNestedAdminAndReferenceValueBodiesAreRefusedCleanly() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            String admin = "Bearer " + kbs.adminToken();
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            for (String path : new String[] {"/kbs/v0/resource-policy", "/kbs/v0/attestation-policy", "/rvps/v0/reference-values",
                    "/kbs/v0/reference-value"}) {
                var response = kbs.post(path, deep, "Authorization", admin);
                assertThat(response.statusCode()).as(path).isIn(400, 401);
                assertThat(Json.readTree(response.body()).get("type").asText()).as(path).startsWith("https://");
            }
            // nested inside a well-formed message: the sample provider's payload
            String payload = java.util.Base64.getEncoder().encodeToString(("{\"a\":" + deep + "}").getBytes(StandardCharsets.UTF_8));
            var nested = kbs.post("/rvps/v0/reference-values", "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + payload + "\"}",
                    "Authorization", admin);
            assertThat(nested.statusCode()).isEqualTo(400);
            assertThat(Json.readTree(kbs.send("GET", "/rvps/v0/reference-values", null, "Authorization", admin).body())).isEmpty();
            assertThat(kbs.send("GET", "/healthz", null).statusCode()).isEqualTo(200);
        }
    }
}
