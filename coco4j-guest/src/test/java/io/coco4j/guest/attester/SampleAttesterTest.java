package io.coco4j.guest.attester;

import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.Tee;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class SampleAttesterTest {

    private static final byte[] DIGEST = HexFormat.of().parseHex(
            "1147b1af549c26b6863daf32fc064834beaa470ddb06fd5c57c44363cb2e86f11c4d80906326c2154d2b96d47de1ac62");

    @Test
    void sampleEvidenceIsExactlyTheReferenceShape() {
        SampleAttester attester = new SampleAttester();
        assertThat(attester.tee()).isEqualTo(Tee.SAMPLE);
        assertThat(Json.write(attester.evidence(DIGEST)))
                .isEqualTo("{\"svn\":\"1\",\"report_data\":\"EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi\"}");
    }

    @Test
    void sampleEvidenceUsesStandardBase64WithPaddingAndNoZeroPadding() {
        // 32 bytes of 0xff: standard alphabet ('/' not '_') and one '=' of padding; nothing added to reach 64 bytes
        byte[] reportData = new byte[32];
        java.util.Arrays.fill(reportData, (byte) 0xff);
        assertThat(new SampleAttester().evidence(reportData).get("report_data").asText())
                .isEqualTo("//////////////////////////////////////////8=");
    }

    @Test
    void sampleDeviceEvidenceCarriesSvnTwo() {
        SampleDeviceAttester device = new SampleDeviceAttester();
        assertThat(device.tee()).isEqualTo(Tee.SAMPLE_DEVICE);
        assertThat(device.tee().wireName()).isEqualTo("sampledevice");
        assertThat(Json.write(device.evidence(new byte[]{1, 2, 3}))).isEqualTo("{\"svn\":\"2\",\"report_data\":\"AQID\"}");
    }
}
