package io.coco4j.verifier.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.VerifiedClaims;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleVerifierTest {

    /** Guest spec B.1: SHA-384 of the canonical runtime data and the evidence a sample attester sends for it. */
    private static final byte[] DIGEST = HexFormat.of().parseHex(
            "1147b1af549c26b6863daf32fc064834beaa470ddb06fd5c57c44363cb2e86f11c4d80906326c2154d2b96d47de1ac62");
    private static final String REPORT_DATA = "EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi";

    private final SampleVerifier verifier = new SampleVerifier();

    private static JsonNode json(String text) throws Exception {
        return Json.readTree(text);
    }

    @Test
    void bindsTheRuntimeDataDigestAndEmitsTheReferenceClaims() throws Exception {
        List<VerifiedClaims> result = verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"" + REPORT_DATA + "\"}"),
                Expectation.of(DIGEST, null));

        assertThat(result).hasSize(1);
        assertThat(result.get(0).teeClass()).isEqualTo(TeeClass.CPU);
        assertThat(result.get(0).claims()).isEqualTo(json("{\"svn\":\"1\",\"report_data\":\"" + REPORT_DATA + "\","
                + "\"launch_digest\":\"abcde\",\"platform_version\":{\"major\":1,\"minor\":4},\"debug\":false}"));
    }

    @Test
    void recordsTheInitDataDigestWithoutCheckingIt() throws Exception {
        byte[] initData = HexFormat.of().parseHex("7e11d1b084ba7b39e855c8941e10e644037ec2437b53950eacd518b5d7602f6ff13cf1de2fdc2cd20deef601824e9e65");
        ObjectNode claims = verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"" + REPORT_DATA + "\"}"),
                Expectation.of(DIGEST, initData)).get(0).claims();
        assertThat(claims.get("init_data").asText()).isEqualTo("fhHRsIS6eznoVciUHhDmRAN+wkN7U5UOrNUYtddgL2/xPPHeL9ws0g3u9gGCTp5l");
    }

    @Test
    void ignoresUnknownMembersAndDefaultsReportDataWhenNothingIsExpected() throws Exception {
        ObjectNode claims = verifier.evaluate(json("{\"svn\":\"7\",\"extra\":[1,2]}"), Expectation.none()).get(0).claims();
        assertThat(claims.get("svn").asText()).isEqualTo("7");
        assertThat(claims.get("report_data").asText()).isEmpty();
        assertThat(claims.has("extra")).isFalse();
        assertThat(claims.has("init_data")).isFalse();
    }

    @Test
    void wrongReportDataIsAMismatch() {
        byte[] other = DIGEST.clone();
        other[47] ^= 1;
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"" + REPORT_DATA + "\"}"), Expectation.of(other, null)))
                .isInstanceOf(ReportDataMismatchException.class);
    }

    @Test
    void missingReportDataIsAMismatchWhenOneIsExpected() {
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\"}"), Expectation.of(DIGEST, null)))
                .isInstanceOf(ReportDataMismatchException.class);
    }

    @Test
    void paddedDigestIsNotAccepted() {
        // The sample binding is exact: a zero-padded 64-byte report data does not match the 48-byte digest.
        String padded = java.util.Base64.getEncoder().encodeToString(Expectation.regularize(DIGEST, 64));
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"" + padded + "\"}"), Expectation.of(DIGEST, null)))
                .isInstanceOf(ReportDataMismatchException.class);
    }

    @Test
    void reportDataThatIsNotBase64IsMalformed() {
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"not base64!\"}"), Expectation.of(DIGEST, null)))
                .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("not base64");
    }

    @Test
    void base64UrlAlphabetIsMalformed() {
        String urlSafe = REPORT_DATA.replace('/', '_');
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"" + urlSafe + "\"}"), Expectation.of(DIGEST, null)))
                .isInstanceOf(MalformedEvidenceException.class);
    }

    @Test
    void extraOrMissingPaddingIsMalformed() {
        String digest32 = java.util.Base64.getEncoder().encodeToString(new byte[32]); // 44 chars, one '='
        assertThat(digest32).endsWith("=");
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"" + digest32 + "=\"}"), Expectation.of(new byte[32], null)))
                .isInstanceOf(MalformedEvidenceException.class);
        String unpadded = digest32.substring(0, digest32.length() - 1);
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"" + unpadded + "\"}"), Expectation.of(new byte[32], null)))
                .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("canonical");
    }

    @Test
    void nonZeroTrailingBitsAreMalformed() {
        // "AB==" decodes to 0x00 with four stray bits set; only "AA==" is the canonical form.
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":\"AB==\"}"), Expectation.of(new byte[1], null)))
                .isInstanceOf(MalformedEvidenceException.class);
    }

    @Test
    void missingSvnIsMalformed() {
        assertThatThrownBy(() -> verifier.evaluate(json("{\"report_data\":\"" + REPORT_DATA + "\"}"), Expectation.of(DIGEST, null)))
                .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("no svn");
    }

    @Test
    void nonStringMembersAreMalformed() {
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":1}"), Expectation.none()))
                .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("svn is not a string");
        assertThatThrownBy(() -> verifier.evaluate(json("{\"svn\":\"1\",\"report_data\":null}"), Expectation.none()))
                .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("report_data is not a string");
    }

    @Test
    void evidenceThatIsNotAnObjectIsMalformed() {
        assertThatThrownBy(() -> verifier.evaluate(json("[\"1\"]"), Expectation.none())).isInstanceOf(MalformedEvidenceException.class);
        assertThatThrownBy(() -> verifier.evaluate(null, Expectation.none())).isInstanceOf(MalformedEvidenceException.class);
    }

    @Test
    void sampleDeviceIsAGpuWithSvnAndReportDataOnly() throws Exception {
        SampleDeviceVerifier device = new SampleDeviceVerifier();
        List<VerifiedClaims> result = device.evaluate(json("{\"svn\":\"2\",\"report_data\":\"" + REPORT_DATA + "\"}"), Expectation.of(DIGEST, new byte[32]));
        assertThat(result).hasSize(1);
        assertThat(result.get(0).teeClass()).isEqualTo(TeeClass.GPU);
        assertThat(result.get(0).claims()).isEqualTo(json("{\"svn\":\"2\",\"report_data\":\"" + REPORT_DATA + "\"}"));
    }

    @Test
    void sampleDeviceChecksTheBindingToo() {
        SampleDeviceVerifier device = new SampleDeviceVerifier();
        assertThatThrownBy(() -> device.evaluate(json("{\"svn\":\"2\",\"report_data\":\"AAAA\"}"), Expectation.of(DIGEST, null)))
                .isInstanceOf(ReportDataMismatchException.class).hasMessageContaining("sampledevice");
        assertThatThrownBy(() -> device.evaluate(json("{\"report_data\":\"AAAA\"}"), Expectation.none()))
                .isInstanceOf(MalformedEvidenceException.class);
    }

    @Test
    void severalSampleDevicesTravelAsAnArrayAndEachGetsItsClaims() throws Exception {
        SampleDeviceVerifier device = new SampleDeviceVerifier();
        String one = "{\"svn\":\"2\",\"report_data\":\"" + REPORT_DATA + "\"}";
        String two = "{\"svn\":\"3\",\"report_data\":\"" + REPORT_DATA + "\"}";
        List<VerifiedClaims> result = device.evaluate(json("[" + one + "," + two + "]"), Expectation.of(DIGEST, null));
        assertThat(result).extracting(c -> c.claims().get("svn").asText()).containsExactly("2", "3");
        assertThat(result).allSatisfy(c -> assertThat(c.teeClass()).isEqualTo(TeeClass.GPU));
        assertThatThrownBy(() -> device.evaluate(json("[" + one + ",{\"svn\":\"3\",\"report_data\":\"AAAA\"}]"), Expectation.of(DIGEST, null)))
                .isInstanceOf(ReportDataMismatchException.class);
        assertThatThrownBy(() -> device.evaluate(json("[]"), Expectation.none())).isInstanceOf(MalformedEvidenceException.class);
    }
}
