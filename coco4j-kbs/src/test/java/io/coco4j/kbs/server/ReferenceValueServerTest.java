package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.ReferenceValueServerConfig;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.grpc.GrpcReferenceValueProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code coco4j rvps serve} in this process: the REST API the {@code rvps} commands use, for
 * administrators, and the reference's gRPC API, through which a stand-alone AS
 * ({@code rvps_config.type = "GrpcRemote"}) consults the values.
 */
class ReferenceValueServerTest {

    @TempDir
    Path dir;

    private ReferenceValueServer rvps;
    private AttestationServer as;

    @AfterEach
    void stop() throws Exception {
        if (as != null) {
            as.close();
        }
        if (rvps != null) {
            rvps.close();
        }
    }

    private TestKbs startRvps(ServerMode mode) throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("rvps"));
        rvps = ReferenceValueServer.start(new ReferenceValueServer.Options(SplitServicesTesting.referenceValueServer(), mode, data, List.of()));
        return TestKbs.remote(rvps.restUrls().get(0).toString().replace("0.0.0.0", "127.0.0.1"), data);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void restForAdministratorsAndGrpcForAnAttestationService() throws Exception {
        TestKbs rest = startRvps(ServerMode.DEVELOPMENT);
        String admin = "Bearer " + rest.adminToken();
        String message = ReferenceValueTesting.sampleMessage(SplitServicesTesting.MATCHING_SAMPLE_VALUES);

        HttpResponse<byte[]> anonymous = rest.post("/rvps/v0/reference-values", message);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(rvps.referenceValues().query("svn")).isEmpty();

        HttpResponse<byte[]> registered = rest.post("/rvps/v0/reference-values", message, "Authorization", admin);
        assertThat(registered.statusCode()).as(text(registered)).isEqualTo(200);
        assertThat(Json.readTree(registered.body()).get("registered")).hasSize(4);
        JsonNode svn = Json.readTree(rest.send("GET", "/rvps/v0/reference-values?name=svn", null, "Authorization", admin).body());
        assertThat(svn.get("value")).isEqualTo(Json.readTree("[\"1\"]"));
        assertThat(Json.readTree(rest.send("GET", "/rvps/v0/reference-values", null, "Authorization", admin).body())).hasSize(4);
        HttpResponse<byte[]> refused = rest.post("/rvps/v0/reference-values", message.replace("\"sample\"", "\"corim\""),
                "Authorization", admin);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(rest.send("GET", "/kbs/v0/resource/a/b/c", null).statusCode()).isEqualTo(404);
        assertThat(rest.send("GET", "/healthz", null).statusCode()).isEqualTo(200);

        // an AS that keeps no values of its own asks this RVPS over gRPC
        DataDirectory asData = new DataDirectory(dir.resolve("as"));
        as = AttestationServer.start(new AttestationServer.Options(SplitServicesTesting.attestationServer(
                new RvpsConfig.GrpcRemote("http://127.0.0.1:" + rvps.grpcPort())), ServerMode.DEVELOPMENT, asData, List.of()));
        TestKbs asRest = TestKbs.remote("http://127.0.0.1:" + as.restPort(), asData);
        String evidence = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"svn\":\"1\",\"report_data\":\"\"}".getBytes(StandardCharsets.UTF_8));
        String request = "{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\"" + evidence + "\"}],\"policy_ids\":[]}";
        HttpResponse<byte[]> token = asRest.post("/attestation", request);
        assertThat(token.statusCode()).as(text(token)).isEqualTo(200);
        assertThat(ReferenceValueTesting.claims(text(token)).at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");

        // deleting the values there makes the same evidence contraindicated here
        for (String name : List.of("launch_digest", "svn", "major_version", "minimum_minor_version")) {
            assertThat(rest.send("DELETE", "/rvps/v0/reference-values?name=" + name, null, "Authorization", admin).statusCode()).isEqualTo(200);
        }
        assertThat(ReferenceValueTesting.claims(text(asRest.post("/attestation", request))).at("/submods/cpu0/ear.status").asText())
                .isEqualTo("contraindicated");

        // the AS re-exports the RVPS service on its own gRPC port, as the reference's gRPC AS does
        try (GrpcReferenceValueProvider throughAs = GrpcReferenceValueProvider.connect("http://127.0.0.1:" + as.grpcPort(), Optional.empty())) {
            throughAs.register(ReferenceValueTesting.sampleMessage("{\"svn\":[\"7\"]}"));
            assertThat(rvps.referenceValues().query("svn")).contains(Json.readTree("[\"7\"]"));
            assertThat(throughAs.query("svn")).contains(Json.readTree("[\"7\"]"));
        }
    }

    @Test
    void productionRefusesUnverifiedSampleValues() throws Exception {
        TestKbs rest = startRvps(ServerMode.PRODUCTION);
        assertThat(rvps.tls()).isPresent();
        HttpResponse<byte[]> refused = rest.post("/rvps/v0/reference-values", ReferenceValueTesting.sampleMessage("{\"svn\":[\"1\"]}"),
                "Authorization", "Bearer " + rest.adminToken());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(text(refused)).contains("UnsupportedReferenceValueType");
        try (GrpcReferenceValueProvider grpc = GrpcReferenceValueProvider.connect("http://127.0.0.1:" + rvps.grpcPort(), Optional.empty())) {
            assertThatThrownBy(() -> grpc.register(ReferenceValueTesting.sampleMessage("{\"svn\":[\"1\"]}")))
                    .hasMessageContaining("ABORTED");
        }
        assertThat(rvps.referenceValues().query("svn")).isEmpty();
    }

    @Test
    void developmentModeListensOnLoopbackOnly() throws Exception {
        ReferenceValueServerConfig config = SplitServicesTesting.referenceValueServer();
        ReferenceValueServerConfig exposed = config.withListeners(config.httpServer().withSockets(List.of(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("0.0.0.0"), 0))), config.grpc());
        assertThatThrownBy(() -> ReferenceValueServer.start(new ReferenceValueServer.Options(exposed, ServerMode.DEVELOPMENT,
                new DataDirectory(dir.resolve("rvps")), List.of()))).isInstanceOf(StartupException.class)
                .hasMessageContaining("http_server.sockets");
    }
}
