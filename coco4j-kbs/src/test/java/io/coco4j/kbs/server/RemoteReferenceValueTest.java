package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.GrpcListenerConfig;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A split deployment: one KBS keeps the reference values and serves them over the reference's gRPC
 * RVPS API; a second KBS uses it as its remote RVPS, for registrations forwarded from its
 * {@code /kbs/v0/reference-value} endpoint and for the attestation policy's lookups.
 */
class RemoteReferenceValueTest {

    @TempDir
    Path dir;

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void aKbsUsesAnotherKbssRvpsOverGrpc() throws Exception {
        DataDirectory rvpsData = new DataDirectory(dir.resolve("rvps"));
        KbsConfig rvpsConfig = ReferenceValueTesting.trusting(EmbeddedDefaults.create(rvpsData, loopback()),
                List.of(ReferenceValueTesting.vector("trustee/alice.pub")),
                Optional.of(GrpcListenerConfig.plaintext(loopback())));
        try (TestKbs holder = TestKbs.start(new KbsServer.Options(rvpsConfig, ServerMode.DEVELOPMENT, rvpsData, List.of()))) {
            int port = holder.server.referenceValueGrpcPort().orElseThrow();

            DataDirectory frontData = new DataDirectory(dir.resolve("front"));
            KbsConfig frontConfig = ReferenceValueTesting.withRvps(EmbeddedDefaults.create(frontData, loopback()),
                    new RvpsConfig.GrpcRemote("http://127.0.0.1:" + port));
            try (TestKbs front = TestKbs.start(new KbsServer.Options(frontConfig, ServerMode.DEVELOPMENT, frontData, List.of()))) {
                assertThat(front.server.referenceValues()).isEmpty();
                String admin = "Bearer " + front.adminToken();

                HttpResponse<byte[]> registered = front.post("/kbs/v0/reference-value", ReferenceValueTesting.trusteeMessage(),
                        "Authorization", admin);
                assertThat(registered.statusCode()).as(new String(registered.body(), StandardCharsets.UTF_8)).isEqualTo(200);
                assertThat(holder.server.referenceValues().orElseThrow().query("foo.tar.gz")).isPresent();
                assertThat(new String(front.send("GET", "/kbs/v0/reference-value/foo.tar.gz", null, "Authorization", admin).body(),
                        StandardCharsets.UTF_8)).isEqualTo("[\"" + ReferenceValueTesting.FOO_TAR_GZ + "\"]");

                // the remote RVPS refuses what it cannot verify, and the front reports it
                HttpResponse<byte[]> refused = front.post("/kbs/v0/reference-value",
                        ReferenceValueTesting.sampleMessage("{\"svn\":[\"1\"]}").replace("sample", "swid"), "Authorization", admin);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("RvpsError").contains("ABORTED");

                // the attestation policy's lookups go to the remote RVPS too
                String policy = "package policy\nimport rego.v1\ndefault executables := 99\n"
                        + "executables := 3 if { \"" + ReferenceValueTesting.FOO_TAR_GZ + "\" in query_reference_value(\"foo.tar.gz\") }\n"
                        + "trust_claims := {\"executables\": executables, \"hardware\": 2, \"configuration\": 2}\n";
                assertThat(front.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"default_cpu\",\"policy\":\""
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(policy.getBytes(StandardCharsets.UTF_8)) + "\"}",
                        "Authorization", admin).statusCode()).isEqualTo(200);
                TestKbs.Guest guest = front.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
                guest.auth("sample");
                ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
                HttpResponse<byte[]> attested = guest.attest(body);
                String token = Json.readTree(attested.body()).get("token").asText();
                assertThat(ReferenceValueTesting.claims(token).at("/submods/cpu0").get("ear.status").asText()).isEqualTo("affirming");

                // the front has no RVPS of its own to manage over REST
                assertThat(front.send("GET", "/rvps/v0/reference-values", null, "Authorization", admin).statusCode()).isEqualTo(404);
            }
        }
    }
}
