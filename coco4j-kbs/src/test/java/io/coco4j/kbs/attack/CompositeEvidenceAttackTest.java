package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Composite CPU + device evidence: the primary report binds the exact device list, each device
 * report binds this session. A device stripped, substituted, bound elsewhere or named twice is refused.
 */
class CompositeEvidenceAttackTest {

    @TempDir
    Path dir;

    private TestKbs kbs;
    private TestKbs.Guest guest;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
        guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private String device(String nonce) {
        byte[] digest = RuntimeData.digest(new RuntimeData(nonce, guest.key.publicJwk()).deviceBinding(), HashAlgorithm.SHA384);
        return "{\"svn\":\"2\",\"report_data\":\"" + Base64.getEncoder().encodeToString(digest) + "\"}";
    }

    /** An attestation whose primary report binds {@code boundDevices} while the body carries {@code sentDevices}. */
    private ObjectNode attestation(String boundDevices, String sentDevices) {
        ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
        byte[] primary = RuntimeData.digest(new RuntimeData(guest.nonce, guest.key.publicJwk()).primaryBinding(boundDevices), HashAlgorithm.SHA384);
        ObjectNode evidence = (ObjectNode) body.get("tee-evidence");
        ((ObjectNode) evidence.get("primary_evidence")).put("report_data", Base64.getEncoder().encodeToString(primary));
        evidence.put("additional_evidence", sentDevices);
        return body;
    }

    @Test
    void anHonestCompositeAttestationGetsOneSubmodPerDevice() throws Exception {
        String devices = "{\"sampledevice\":" + device(guest.nonce) + "}";
        var response = guest.attest(attestation(devices, devices));
        assertThat(response.statusCode()).isEqualTo(200);
        String token = Json.readTree(response.body()).get("token").asText();
        var claims = Json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("submods").has("gpu0")).isTrue();
    }

    @Test
    void strippingTheDeviceReportIsRefused() throws Exception {
        String devices = "{\"sampledevice\":" + device(guest.nonce) + "}";
        assertRefused(guest.attest(attestation(devices, "")), 401, "AttestationError");
    }

    @Test
    void aDeviceReportBoundToAnotherSessionIsRefused() throws Exception {
        String foreign = "{\"sampledevice\":" + device(Base64.getEncoder().encodeToString(new byte[32])) + "}";
        assertRefused(guest.attest(attestation(foreign, foreign)), 401, "AttestationError");
    }

    @Test
    void aSubstitutedDeviceReportIsRefused() throws Exception {
        String bound = "{\"sampledevice\":" + device(guest.nonce) + "}";
        String substituted = "{\"sampledevice\":" + device(guest.nonce).replace("\"svn\":\"2\"", "\"svn\":\"9\"") + "}";
        assertRefused(guest.attest(attestation(bound, substituted)), 401, "AttestationError");
    }

    @Test
    void aDeviceNamedTwiceIsRefused() throws Exception {
        String twice = "{\"sampledevice\":" + device(guest.nonce) + ",\"sampledevice\":" + device(guest.nonce) + "}";
        assertRefused(guest.attest(attestation(twice, twice)), 401, "AttestationError");
    }

    @Test
    void twoDevicesOfOneTeeGetTwoSubmods() throws Exception {
        String devices = "{\"sampledevice\":[" + device(guest.nonce) + "," + device(guest.nonce) + "]}";
        var response = guest.attest(attestation(devices, devices));
        assertThat(response.statusCode()).isEqualTo(200);
        String token = Json.readTree(response.body()).get("token").asText();
        var submods = Json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("submods");
        assertThat(submods.has("cpu0") && submods.has("gpu0") && submods.has("gpu1")).isTrue();
        assertThat(submods.size()).isEqualTo(3);
    }

    @Test
    void oneDeviceOfSeveralBoundToAnotherSessionIsRefusedEvenWhenThePrimaryBindsIt() throws Exception {
        String foreign = device(Base64.getEncoder().encodeToString(new byte[32]));
        String devices = "{\"sampledevice\":[" + device(guest.nonce) + "," + foreign + "]}";
        assertRefused(guest.attest(attestation(devices, devices)), 401, "AttestationError");
    }
}
