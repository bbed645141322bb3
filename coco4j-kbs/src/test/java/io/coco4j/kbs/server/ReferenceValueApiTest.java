package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RVPS REST API on a real KBS: registration, listing with provenance and expiry, deletion, and its refusals. */
class ReferenceValueApiTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private TestKbs kbs;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig config = ReferenceValueTesting.trusting(
                EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                List.of(ReferenceValueTesting.vector("trustee/alice.pub")));
        kbs = TestKbs.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of()).withClock(clock));
        admin = "Bearer " + kbs.adminToken();
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return Json.readTree(response.body());
    }

    @Test
    void registerListGetAndDelete() throws Exception {
        HttpResponse<byte[]> registered = kbs.post("/rvps/v0/reference-values",
                ReferenceValueTesting.sampleMessage("{\"svn\":[\"1\"],\"rvps:///acme/fw:v2\":[\"ab\"]}"), "Authorization", admin);
        assertThat(registered.statusCode()).as(text(registered)).isEqualTo(200);
        assertThat(json(registered).get("provider").asText()).isEqualTo("sample");
        assertThat(json(registered).get("registered")).hasSize(2);

        HttpResponse<byte[]> listed = kbs.send("GET", "/rvps/v0/reference-values", null, "Authorization", admin);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode list = json(listed);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).isEqualTo("rvps:///acme/fw:v2");
        assertThat(list.get(1).get("name").asText()).isEqualTo("svn");
        assertThat(list.get(1).get("expired").asBoolean()).isFalse();
        assertThat(list.get(1).at("/provenance/provider").asText()).isEqualTo("sample");
        assertThat(list.get(1).at("/provenance/source_digest").asText()).startsWith("sha256:");

        HttpResponse<byte[]> one = kbs.send("GET", "/rvps/v0/reference-values?name="
                + java.net.URLEncoder.encode("rvps:///acme/fw:v2", StandardCharsets.UTF_8), null, "Authorization", admin);
        assertThat(one.statusCode()).as(text(one)).isEqualTo(200);
        assertThat(json(one).get("value")).isEqualTo(Json.readTree("[\"ab\"]"));

        // the reference's KBS endpoint reads the same values
        HttpResponse<byte[]> viaKbs = kbs.send("GET", "/kbs/v0/reference-value/svn", null, "Authorization", admin);
        assertThat(text(viaKbs)).isEqualTo("[\"1\"]");

        assertThat(kbs.send("DELETE", "/rvps/v0/reference-values/svn", null, "Authorization", admin).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> gone = kbs.send("GET", "/rvps/v0/reference-values/svn", null, "Authorization", admin);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).get("type").asText()).endsWith("/ReferenceValueNotFound");
        assertThat(kbs.send("DELETE", "/rvps/v0/reference-values/svn", null, "Authorization", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void expiredValuesAreListedAsExpiredAndNotServed() throws Exception {
        kbs.post("/rvps/v0/reference-values", ReferenceValueTesting.trusteeMessage(), "Authorization", admin);
        clock.set(Instant.parse("2030-11-18T16:06:36Z"));
        String lateAdmin = "Bearer " + kbs.adminToken(EmbeddedDefaults.ADMIN_ROLE, Duration.ofMinutes(5), clock.instant());
        JsonNode listed = json(kbs.send("GET", "/rvps/v0/reference-values", null, "Authorization", lateAdmin));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("expired").asBoolean()).isTrue();
        assertThat(listed.get(0).get("expiration").asText()).isEqualTo("2030-11-18T16:06:36Z");
        assertThat(listed.get(0).at("/provenance/signer_key_ids/0").asText()).startsWith("70ca5750");
        HttpResponse<byte[]> viaKbs = kbs.send("GET", "/kbs/v0/reference-value/foo.tar.gz", null, "Authorization", lateAdmin);
        assertThat(viaKbs.statusCode()).isEqualTo(401);
        assertThat(text(viaKbs)).contains("RvpsError");
    }

    @Test
    void everyRequestNeedsTheAdminToken() throws Exception {
        for (String[] request : new String[][] {{"GET", "/rvps/v0/reference-values"}, {"POST", "/rvps/v0/reference-values"},
                {"GET", "/rvps/v0/reference-values/svn"}, {"DELETE", "/rvps/v0/reference-values/svn"}}) {
            HttpResponse<byte[]> response = kbs.send(request[0], request[1],
                    ReferenceValueTesting.sampleMessage("{\"svn\":1}").getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(request[0] + " " + request[1]).isEqualTo(401);
            assertThat(json(response).get("type").asText()).endsWith("/AdminAuthAccess");
        }
        HttpResponse<byte[]> forged = kbs.post("/rvps/v0/reference-values", ReferenceValueTesting.sampleMessage("{\"svn\":1}"),
                "Authorization", "Bearer " + kbs.adminToken("reader", Duration.ofMinutes(5)));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json(kbs.send("GET", "/rvps/v0/reference-values", null, "Authorization", admin))).isEmpty();
    }

    @Test
    void refusedMessagesStoreNothingAndSayWhy() throws Exception {
        HttpResponse<byte[]> notJson = kbs.post("/rvps/v0/reference-values", "{", "Authorization", admin);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("type").asText()).endsWith("/InvalidReferenceValueMessage");

        HttpResponse<byte[]> unknown = kbs.post("/rvps/v0/reference-values", "{\"type\":\"tpm-magic\",\"payload\":\"\"}", "Authorization", admin);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("detail").asText()).contains("in-toto").contains("sample");

        String tampered = ReferenceValueTesting.trusteeMessage();
        JsonNode message = Json.readTree(tampered);
        JsonNode payload = Json.readTree(message.get("payload").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload.get("files")).put("package.d3ffd108.link",
                java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(ReferenceValueTesting.vector("trustee/write-code.b7d643de.link"))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) message).put("payload", Json.write(payload));
        HttpResponse<byte[]> refused = kbs.post("/rvps/v0/reference-values", Json.write(message), "Authorization", admin);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("type").asText()).endsWith("/ProvenanceVerificationFailed");
        assertThat(json(refused).get("detail").asText()).contains("in-toto verification failed (link signature)").contains("'package'");

        assertThat(json(kbs.send("GET", "/rvps/v0/reference-values", null, "Authorization", admin))).isEmpty();
        assertThat(kbs.send("PUT", "/rvps/v0/reference-values", new byte[0], "Authorization", admin).statusCode()).isEqualTo(405);
        assertThat(kbs.send("GET", "/rvps/v0/other", null, "Authorization", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void theValuesSurviveARestartInTheSqliteFile() throws Exception {
        kbs.post("/rvps/v0/reference-values", ReferenceValueTesting.sampleMessage("{\"svn\":[\"7\"]}"), "Authorization", admin);
        kbs.close();
        assertThat(Files.isRegularFile(dir.resolve("rvps.sqlite"))).isTrue();
        start();
        assertThat(text(kbs.send("GET", "/kbs/v0/reference-value/svn", null, "Authorization", admin))).isEqualTo("[\"7\"]");
    }
}
