package io.coco4j.kbs.server;

import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KBS, AS and RVPS as three processes, wired as the reference deploys them: the KBS reaches the AS
 * over gRPC ({@code coco_as_grpc}) and trusts its tokens through {@code trusted_certs_paths}; the AS
 * consults the RVPS over gRPC ({@code GrpcRemote}); reference values are registered into the RVPS
 * over its REST API. A sample-TEE guest's resource is released only once those values make its
 * appraisal affirming.
 */
class SplitServicesProcessesTest {

    /** Releases resources only to guests whose CPU appraisal is affirming. */
    private static final String AFFIRMING_ONLY = "package policy\nimport rego.v1\ndefault allow := false\n"
            + "allow if { input.submods.cpu0[\"ear.status\"] == \"affirming\" }\n";

    @TempDir
    Path dir;

    private final List<ServiceProcess> processes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    private ServiceProcess start(String kind, String config) throws Exception {
        Path file = dir.resolve(kind + ".toml");
        Files.writeString(file, config);
        ServiceProcess started = ServiceProcess.start(kind, file, dir.resolve(kind), dir.resolve(kind + ".log"));
        processes.add(started);
        return started;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aGuestAttestsThroughKbsAsAndRvpsInThreeProcesses() throws Exception {
        ServiceProcess rvps = start("rvps", """
                store = "memory"
                [grpc]
                listen = "127.0.0.1:0"
                [http_server]
                sockets = ["127.0.0.1:0"]
                """);
        ServiceProcess as = start("as", """
                [rvps_config]
                type = "GrpcRemote"
                address = "http://127.0.0.1:%d"
                [http_server]
                sockets = ["127.0.0.1:0"]
                [grpc]
                listen = "127.0.0.1:0"
                """.formatted(rvps.port("grpc")));
        DataDirectory asData = new DataDirectory(dir.resolve("as"));
        DataDirectory kbsData = new DataDirectory(dir.resolve("kbs"));
        ServiceProcess kbsProcess = start("kbs", SplitServicesTesting.kbsConfigStart(kbsData) + """
                [attestation_token]
                trusted_certs_paths = ["%s"]
                [attestation_service]
                type = "coco_as_grpc"
                as_addr = "http://127.0.0.1:%d"
                [[plugins]]
                name = "resource"
                """.formatted(asData.tokenSignerCertificate(), as.port("grpc")));

        TestKbs kbs = TestKbs.remote("http://127.0.0.1:" + kbsProcess.port("http"), kbsData);
        String kbsAdminToken = "Bearer " + kbs.adminToken();
        kbs.setResource("default/key/1", "split".getBytes(StandardCharsets.UTF_8));
        assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(AFFIRMING_ONLY.getBytes(StandardCharsets.UTF_8)) + "\"}", "Authorization", kbsAdminToken).statusCode())
                .isEqualTo(200);

        // no reference values yet: the AS's appraisal is contraindicated and the KBS refuses the resource
        TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        TestKbs.Guest before = kbs.guest(key);
        assertThat(ReferenceValueTesting.claims(before.handshake()).at("/submods/cpu0/ear.status").asText()).isEqualTo("contraindicated");
        HttpResponse<byte[]> denied = before.getResource("default/key/1");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(text(denied)).contains("PolicyDeny");

        // the operator registers the values into the RVPS, over its REST API with the RVPS's admin key
        TestKbs rvpsRest = TestKbs.remote("http://127.0.0.1:" + rvps.port("http"), new DataDirectory(dir.resolve("rvps")));
        HttpResponse<byte[]> registered = rvpsRest.post("/rvps/v0/reference-values",
                ReferenceValueTesting.sampleMessage(SplitServicesTesting.MATCHING_SAMPLE_VALUES), "Authorization", "Bearer " + rvpsRest.adminToken());
        assertThat(registered.statusCode()).as(text(registered)).isEqualTo(200);

        // the AS consults them, and the KBS trusts its token and releases the resource
        TestKbs.Guest after = kbs.guest(key);
        assertThat(ReferenceValueTesting.claims(after.handshake()).at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");
        HttpResponse<byte[]> released = after.getResource("default/key/1");
        assertThat(released.statusCode()).as(text(released)).isEqualTo(200);
        assertThat(ResourceDecryptor.decrypt(Json.read(released.body(), JweResponse.class), key)).asString().isEqualTo("split");

        // the KBS's reference-value endpoint reads through the AS from the RVPS
        assertThat(text(kbs.send("GET", "/kbs/v0/reference-value/svn", null, "Authorization", kbsAdminToken))).isEqualTo("[\"1\"]");
    }
}
