package io.coco4j.guest.attester;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.jose.FixedKeys;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.rcar.TeeEvidence;
import io.coco4j.protocol.tee.Tee;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompositeAttesterTest {

    private static final String NONCE = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String X = "AhfmF_C2RDkoJ4-WmZ5pojpPLBUr321s32bluAKC1O0";
    private static final String Y = "GUp968uXcS0t2jyoWqh2Wlb0X8dYWZZS8ol8ZTBuV5Q";

    /** Guest spec B.1: the TEE key with d = 0x11…11 and the nonce 0..31 give this exact sample evidence. */
    @Test
    void guestSpecVectorB1() throws Exception {
        TeeKeyPair keys = TeeKeyPair.of(TeeKeyAlgorithm.EC_P256, FixedKeys.p256(0x11));
        assertThat(Json.write(keys.publicJwk()))
                .isEqualTo("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}");

        TeeEvidence evidence = CompositeAttester.of(new SampleAttester())
                .attest(new RuntimeData(NONCE, keys.publicJwk()), HashAlgorithm.SHA384);

        assertThat(evidence.additionalEvidence()).isEmpty();
        assertThat(Json.write(evidence.primaryEvidence()))
                .isEqualTo("{\"svn\":\"1\",\"report_data\":\"EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi\"}");
        assertThat(Json.write(evidence)).isEqualTo("{\"primary_evidence\":{\"svn\":\"1\",\"report_data\":"
                + "\"EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi\"},\"additional_evidence\":\"\"}");
    }

    @Test
    void deviceEvidenceBindsTheDeviceRuntimeDataAndIsBoundIntoThePrimaryReport() throws Exception {
        TeeKeyPair keys = TeeKeyPair.of(TeeKeyAlgorithm.EC_P256, FixedKeys.p256(0x11));
        TeeEvidence evidence = new CompositeAttester(new SampleAttester(), List.of(new SampleDeviceAttester()))
                .attest(new RuntimeData(NONCE, keys.publicJwk()), HashAlgorithm.SHA384);

        // the device binds H(JCS({nonce, tee-pubkey})), written out by hand here
        String deviceJcs = "{\"nonce\":\"" + NONCE + "\",\"tee-pubkey\":{\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\","
                + "\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}}";
        String deviceReportData = b64(sha384(deviceJcs));
        assertThat(evidence.additionalEvidence())
                .isEqualTo("{\"sampledevice\":{\"svn\":\"2\",\"report_data\":\"" + deviceReportData + "\"}}");

        // the primary binds the exact additional-evidence string, JSON-escaped inside the canonical object
        String primaryJcs = "{\"additional-evidence\":" + Json.write(evidence.additionalEvidence()) + ",\"nonce\":\"" + NONCE
                + "\",\"tee-pubkey\":{\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}}";
        assertThat(evidence.primaryEvidence().get("report_data").asText()).isEqualTo(b64(sha384(primaryJcs)));
    }

    @Test
    void theChallengeHashAlgorithmIsUsed() throws Exception {
        TeeKeyPair keys = TeeKeyPair.of(TeeKeyAlgorithm.EC_P256, FixedKeys.p256(0x11));
        TeeEvidence evidence = CompositeAttester.of(new SampleAttester())
                .attest(new RuntimeData(NONCE, keys.publicJwk()), HashAlgorithm.SHA512);
        assertThat(Base64.getDecoder().decode(evidence.primaryEvidence().get("report_data").asText())).hasSize(64);
    }

    @Test
    void twoDevicesOfTheSameTeeShareItsEntryAsAnArray() throws Exception {
        TeeKeyPair keys = TeeKeyPair.of(TeeKeyAlgorithm.EC_P256, FixedKeys.p256(0x11));
        TeeEvidence evidence = new CompositeAttester(new SampleAttester(), List.of(new SampleDeviceAttester(), new SampleDeviceAttester()))
                .attest(new RuntimeData(NONCE, keys.publicJwk()), HashAlgorithm.SHA384);
        var devices = io.coco4j.protocol.json.Json.readTree(evidence.additionalEvidence().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(devices.size()).isEqualTo(1);
        assertThat(devices.get("sampledevice").isArray()).isTrue();
        assertThat(devices.get("sampledevice")).hasSize(2);
        assertThat(devices.get("sampledevice").get(0)).isEqualTo(devices.get("sampledevice").get(1));
    }

    @Test
    void anAttesterWithoutEvidenceIsAnError() throws Exception {
        Attester silent = new Attester() {
            @Override
            public Tee tee() {
                return Tee.SAMPLE;
            }

            @Override
            public JsonNode evidence(byte[] reportData) {
                return null;
            }
        };
        TeeKeyPair keys = TeeKeyPair.of(TeeKeyAlgorithm.EC_P256, FixedKeys.p256(0x11));
        assertThatThrownBy(() -> CompositeAttester.of(silent).attest(new RuntimeData(NONCE, keys.publicJwk()), HashAlgorithm.SHA384))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("no evidence");
    }

    private static byte[] sha384(String text) throws Exception {
        return MessageDigest.getInstance("SHA-384").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
