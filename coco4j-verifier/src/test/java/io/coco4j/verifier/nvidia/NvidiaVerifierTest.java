package io.coco4j.verifier.nvidia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.RawEcdsaSignature;
import io.coco4j.verifier.VerifiedClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NvidiaVerifierTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String UUID = "1111-2222-33333-444444-555555";
    private static final byte[] NONCE = HEX.parseHex("931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb");
    private static final String FWID = "f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d";

    private final NvidiaVerifier verifier = NvidiaVerifier.create(Clock.systemUTC());

    private static byte[] report() throws Exception {
        return HEX.parseHex(Files.readString(TestVectors.resolve("nvidia/hopperAttestationReport.txt")).trim());
    }

    private static byte[] chain(int which) throws Exception {
        return Files.readAllBytes(TestVectors.resolve("nvidia/hopper_cert_chain_case" + which + ".txt"));
    }

    private static ObjectNode evidence(byte[] report, byte[] chain) {
        ObjectNode evidence = Json.mapper().createObjectNode();
        ObjectNode device = evidence.putArray("device_evidence_list").addObject();
        device.put("arch", "Hopper");
        device.put("uuid", UUID);
        device.put("evidence", HEX.formatHex(report));
        device.put("certificate", Base64.getEncoder().encodeToString(chain));
        return evidence;
    }

    private static Expectation expecting(byte[] reportData) {
        return new Expectation(Optional.of(reportData), Optional.empty());
    }

    @Test
    void theReportParsesAsTheVectorDescribesIt() throws Exception {
        byte[] raw = report();
        SpdmMeasurementReport report = SpdmMeasurementReport.parse(raw);
        assertThat(raw).hasSize(4117);
        assertThat(report.requestNonce()).isEqualTo(NONCE);
        assertThat(report.measurements()).hasSize(64);
        assertThat(report.signedLength()).isEqualTo(4117 - 96);
        assertThat(HEX.formatHex(report.opaqueFields().get(GpuClaims.FWID))).isEqualTo(FWID);
        int opaqueLength = report.opaqueFields().values().stream().mapToInt(v -> v.length + 4).sum();
        assertThat(opaqueLength).isEqualTo(422);
    }

    @Test
    void theReportSignatureVerifiesWithTheSigningCertificate() throws Exception {
        X509Certificate signing = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(TestVectors.resolve("nvidia/hopper_signing_cert.pem")));
        SpdmMeasurementReport report = SpdmMeasurementReport.parse(report());
        assertThat(RawEcdsaSignature.verify("SHA384withECDSA", signing.getPublicKey(), report.raw(), report.signedLength(), report.signature())).isTrue();
        assertThat(HEX.formatHex(GpuCertificateChain.fwid(signing))).isEqualTo(FWID);
    }

    @Test
    void theVectorGivesExactlyTheReferenceClaims() throws Exception {
        List<VerifiedClaims> result = verifier.evaluate(evidence(report(), chain(1)), expecting(NONCE));
        JsonNode expected = Json.readTree(Files.readAllBytes(TestVectors.resolve("nvidia/hopperAttestationReport-claims.txt")));
        assertThat(result).singleElement().satisfies(c -> {
            assertThat(c.teeClass()).isEqualTo(TeeClass.GPU);
            assertThat(c.claims()).isEqualTo(expected);
        });
    }

    @Test
    void theRootIsPinnedByFingerprint() throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(TestVectors.resolve("nvidia/nvidia_device_root.pem")));
        assertThat(GpuCertificateChain.fingerprint(root)).isEqualTo(NvidiaVerifier.NVIDIA_DEVICE_IDENTITY_CA_SHA256);
        NvidiaVerifier other = NvidiaVerifier.trusting(Set.of("00".repeat(32)), Clock.systemUTC());
        assertThatThrownBy(() -> other.evaluate(evidence(report(), chain(1)), expecting(NONCE)))
                .isInstanceOf(UntrustedGpuRootException.class).hasMessage("Root CA in the certificate chain is not trusted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2|io.coco4j.verifier.nvidia.GpuChainTooShortException|Certificate chain must have at least the root CA and signing certificates",
            "3|io.coco4j.verifier.nvidia.GpuChainInvalidException|Report certificate chain failed to verify",
            "4|io.coco4j.verifier.nvidia.FwidNotFoundException|FwId oid not found in the NVIDIA signing certificate"})
    void eachBrokenChainOfTheVectorsFailsAsTheReferenceSays(int chainCase, Class<? extends Throwable> type, String message) throws Exception {
        assertThatThrownBy(() -> verifier.evaluate(evidence(report(), chain(chainCase)), expecting(NONCE)))
                .isInstanceOf(type).hasMessage(message);
    }

    /** Offsets of every signed region: request header and nonce, response header, record, responder nonce, opaque data. */
    @ParameterizedTest
    @CsvSource({"3", "20", "39", "40", "200", "2000"})
    void aFlippedByteInASignedRegionIsRefused(int offset) throws Exception {
        byte[] raw = report();
        raw[offset] ^= 1;
        assertThatThrownBy(() -> verifier.evaluate(evidence(raw, chain(1)), expecting(NONCE)))
                .isInstanceOf(SpdmSignatureException.class);
    }

    @Test
    void aFlippedByteInTheResponderNonceAndTheOpaqueDataIsRefused() throws Exception {
        byte[] original = report();
        SpdmMeasurementReport parsed = SpdmMeasurementReport.parse(original);
        int driverVersion = indexOf(original, "550.90.07".getBytes(StandardCharsets.US_ASCII));
        int responderNonce = parsed.signedLength() - 422 - 2 - 32;
        for (int offset : new int[] {driverVersion, responderNonce + 5}) {
            byte[] raw = original.clone();
            raw[offset] ^= 1;
            assertThatThrownBy(() -> verifier.evaluate(evidence(raw, chain(1)), expecting(NONCE))).isInstanceOf(SpdmSignatureException.class);
        }
    }

    @Test
    void aFlippedSignatureByteIsRefused() throws Exception {
        byte[] raw = report();
        raw[raw.length - 10] ^= 1;
        assertThatThrownBy(() -> verifier.evaluate(evidence(raw, chain(1)), expecting(NONCE))).isInstanceOf(SpdmSignatureException.class);
    }

    @Test
    void aReportWhoseFwidDiffersFromTheCertificateIsRefused() throws Exception {
        byte[] raw = report();
        raw[indexOf(raw, HEX.parseHex(FWID))] ^= 1;
        assertThatThrownBy(() -> verifier.evaluate(evidence(raw, chain(1)), expecting(NONCE)))
                .isInstanceOf(FwidMismatchException.class).hasMessageStartingWith("Fwid mismatch: certificate " + FWID);
    }

    @Test
    void anotherSessionsNonceIsRefused() throws Exception {
        byte[] other = NONCE.clone();
        other[31] ^= 1;
        assertThatThrownBy(() -> verifier.evaluate(evidence(report(), chain(1)), expecting(other))).isInstanceOf(SpdmNonceMismatchException.class);
    }

    @Test
    void theNonceIsTheReportDataRegularisedTo32Bytes() throws Exception {
        byte[] longer = new byte[48];
        System.arraycopy(NONCE, 0, longer, 0, 32);
        longer[40] = 7;
        assertThat(verifier.evaluate(evidence(report(), chain(1)), expecting(longer))).hasSize(1);
    }

    @Test
    void truncatedOrTrailingBytesAreFormatErrors() throws Exception {
        byte[] raw = report();
        assertThatThrownBy(() -> verifier.evaluate(evidence(java.util.Arrays.copyOf(raw, raw.length - 1), chain(1)), expecting(NONCE)))
                .isInstanceOf(SpdmFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> verifier.evaluate(evidence(java.util.Arrays.copyOf(raw, raw.length + 1), chain(1)), expecting(NONCE)))
                .isInstanceOf(SpdmFormatException.class).hasMessageContaining("unexpected bytes");
    }

    @Test
    void anUnknownArchitectureOrAnEmptyListIsRefused() throws Exception {
        ObjectNode evidence = evidence(report(), chain(1));
        ((ObjectNode) evidence.get("device_evidence_list").get(0)).put("arch", "Ampere");
        assertThatThrownBy(() -> verifier.evaluate(evidence, expecting(NONCE))).isInstanceOf(UnsupportedGpuArchitectureException.class);
        ObjectNode empty = Json.mapper().createObjectNode();
        empty.putArray("device_evidence_list");
        assertThatThrownBy(() -> verifier.evaluate(empty, expecting(NONCE))).isInstanceOf(io.coco4j.verifier.MalformedEvidenceException.class);
    }

    @Test
    void everyDeviceOfTheListGetsItsOwnClaims() throws Exception {
        ObjectNode evidence = evidence(report(), chain(1));
        ObjectNode second = ((ObjectNode) evidence.get("device_evidence_list").get(0)).deepCopy().put("uuid", "second");
        ((com.fasterxml.jackson.databind.node.ArrayNode) evidence.get("device_evidence_list")).add(second);
        List<VerifiedClaims> result = verifier.evaluate(evidence, expecting(NONCE));
        assertThat(result).extracting(c -> c.claims().get("uuid").asText()).containsExactly(UUID, "second");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
