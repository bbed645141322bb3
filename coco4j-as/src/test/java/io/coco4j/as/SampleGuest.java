package io.coco4j.as;

import io.coco4j.protocol.jose.EcTeePublicKey;
import io.coco4j.protocol.rcar.RuntimeData;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The sample-TEE guest of guest spec B.1: its runtime data, its evidence, and reference values that match it. */
public final class SampleGuest {

    public static final String NONCE = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /** The TEE key of guest spec B.1 (d = 0x11 × 32). */
    public static final RuntimeData RUNTIME_DATA = new RuntimeData(NONCE, new EcTeePublicKey("P-256", "ECDH-ES+A256KW",
            "AhfmF_C2RDkoJ4-WmZ5pojpPLBUr321s32bluAKC1O0", "GUp968uXcS0t2jyoWqh2Wlb0X8dYWZZS8ol8ZTBuV5Q"));
    /** The report data of the B.1 evidence: SHA-384 of the JCS of the runtime data, base64. */
    public static final String REPORT_DATA = "EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi";
    /** What the B.1 sample attester reports for it. */
    public static final String B1_EVIDENCE = "{\"svn\":\"1\",\"report_data\":\"" + REPORT_DATA + "\"}";
    public static final String MATCHING_SAMPLE_VALUES =
            "{\"launch_digest\":[\"abcde\"],\"svn\":[\"1\"],\"major_version\":1,\"minimum_minor_version\":4}";

    private SampleGuest() {
    }

    /** An RVPS message of the sample type carrying these values. */
    public static String registration(String valuesJson) {
        return "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                + Base64.getEncoder().encodeToString(valuesJson.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    public static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
