package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.KbsConfig;
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
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample guest attests to a KBS whose attestation policy requires the workload the guest names in
 * its init-data to be a final product of an in-toto-verified supply chain: affirming while the
 * reference value is registered, contraindicated once it is deleted, or once the layout expires.
 */
class ReferenceValueEndToEndTest {

    private static final String POLICY = """
            package policy
            import rego.v1

            default executables := 99
            # the guest's init-data names its workload image by digest
            # (membership, as the reference's policies use: an absent value is null and matches nothing)
            executables := 3 if {
                startswith(input.init_data_claims.workload, "image_digest=")
                substring(input.init_data_claims.workload, 13, -1) in query_reference_value("foo.tar.gz")
            }
            trust_claims := {"executables": executables, "hardware": 2, "configuration": 2}
            """;
    private static final String INIT_DATA = "algorithm = \"sha384\"\nversion = \"0.1.0\"\n\n[data]\n"
            + "workload = \"image_digest=" + ReferenceValueTesting.FOO_TAR_GZ + "\"\n";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());

    private TestKbs start() throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig config = ReferenceValueTesting.trusting(
                EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                List.of(ReferenceValueTesting.vector("trustee/alice.pub")));
        return TestKbs.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of()).withClock(clock));
    }

    private static String status(TestKbs kbs) throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(io.coco4j.protocol.jose.TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
        ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
        body.putObject("init-data").put("format", "toml").put("body", INIT_DATA);
        HttpResponse<byte[]> response = guest.attest(body);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        String token = Json.readTree(response.body()).get("token").asText();
        return ReferenceValueTesting.claims(token).at("/submods/cpu0").get("ear.status").asText();
    }

    @Test
    void affirmingWithTheInTotoValueContraindicatedWhenDeletedOrExpired() throws Exception {
        try (TestKbs kbs = start()) {
            String admin = "Bearer " + kbs.adminToken();
            String policy = Base64.getUrlEncoder().withoutPadding().encodeToString(POLICY.getBytes(StandardCharsets.UTF_8));
            assertThat(kbs.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"default_cpu\",\"policy\":\"" + policy + "\"}",
                    "Authorization", admin).statusCode()).isEqualTo(200);

            assertThat(status(kbs)).isEqualTo("contraindicated"); // nothing registered yet

            HttpResponse<byte[]> registered = kbs.post("/rvps/v0/reference-values", ReferenceValueTesting.trusteeMessage(),
                    "Authorization", admin);
            assertThat(registered.statusCode()).as(new String(registered.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(Json.readTree(registered.body()).get("registered").get(0).asText()).isEqualTo("foo.tar.gz");
            assertThat(status(kbs)).isEqualTo("affirming");

            assertThat(kbs.send("DELETE", "/rvps/v0/reference-values/foo.tar.gz", null, "Authorization", admin).statusCode()).isEqualTo(200);
            assertThat(status(kbs)).isEqualTo("contraindicated");

            // registered again through the reference's KBS endpoint, then the layout expires
            assertThat(kbs.post("/kbs/v0/reference-value", ReferenceValueTesting.trusteeMessage(), "Authorization", admin).statusCode())
                    .isEqualTo(200);
            assertThat(status(kbs)).isEqualTo("affirming");
            clock.set(Instant.parse("2030-11-18T16:06:36Z"));
            assertThat(status(kbs)).isEqualTo("contraindicated");
        }
    }
}
