package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.sample.SampleDeviceVerifier;
import io.coco4j.verifier.sample.SampleVerifier;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static io.coco4j.kbs.attack.Refusals.b64url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code sample} TEEs prove nothing about a guest. A production KBS refuses them as the
 * session's TEE, as a device smuggled into real composite evidence, and as a token minted by a
 * development KBS, even one whose appraisal says "affirming"; no production registry can hold them.
 */
class SampleTeeProductionAttackTest {

    @TempDir
    Path dir;

    @Test
    void sampleSessionsAreRefused() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            for (String tee : new String[] {"sample", "sampledevice"}) {
                assertRefused(kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"" + tee + "\",\"extra-params\":{}}"),
                        401, "AttestationError");
            }
        }
    }

    @Test
    void aSampleDeviceSmuggledIntoRealEvidenceIsRefused() throws Exception {
        TestSnpPlatform platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION)
                .add(SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()), Clock.systemUTC())).build();
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION, registry)) {
            TestKbs.Guest honest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            honest.auth("snp");
            assertThat(honest.attest(HardwareGuests.snp(honest, vcek)).statusCode()).as("control").isEqualTo(200);

            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("snp");
            byte[] deviceDigest = RuntimeData.digest(new RuntimeData(guest.nonce, guest.key.publicJwk()).deviceBinding(), HashAlgorithm.SHA384);
            String devices = "{\"sampledevice\":{\"svn\":\"2\",\"report_data\":\"" + Base64.getEncoder().encodeToString(deviceDigest) + "\"}}";
            ObjectNode body = guest.attestation(vcek.evidence(vcek.sign(vcek.report().reportData(HardwareGuests.reportData(guest, devices)))));
            ((ObjectNode) body.get("tee-evidence")).put("additional_evidence", devices);
            assertThat(assertRefused(guest.attest(body), 401, "AttestationError").get("detail").asText()).contains("sampledevice");
        }
    }

    @Test
    void anAffirmingSampleTokenFromADevelopmentKbsGetsNothing() throws Exception {
        // a development KBS and a production KBS sharing one data directory, so one token signer
        String token;
        try (TestKbs dev = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            String affirming = "package policy\nimport rego.v1\ntrust_claims := {\"executables\": 2, \"hardware\": 2, \"configuration\": 2}\n";
            assertThat(dev.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"default_cpu\",\"policy\":\"" + b64url(affirming) + "\"}",
                    "Authorization", "Bearer " + dev.adminToken()).statusCode()).isEqualTo(200);
            token = dev.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256)).handshake();
        }
        assertThat(TokenResigner.claims(token).at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");
        try (TestKbs production = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            production.setResource("default/key/1", new byte[] {42});
            HttpResponse<byte[]> response = production.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + token);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("ciphertext");
            assertRefused(response, 401, "PolicyDeny");
        }
    }

    @Test
    void noProductionRegistryHoldsASampleVerifier() {
        assertThatThrownBy(() -> VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION).add(new SampleVerifier()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("production");
        assertThatThrownBy(() -> VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION).add(new SampleDeviceVerifier()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("production");
        assertThat(VerifierRegistry.create(VerifierRegistry.Mode.PRODUCTION).tees()).isEmpty();
    }
}
