package io.coco4j.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.InitDataMismatchException;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.VerifiedClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Every snp/ vector to the outcome and claims the vectors README states, and each negative case with its own error. */
class SnpVerifierVectorTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant VECTORS_COLLECTED = Instant.parse("2026-11-26T00:00:00Z");
    private static final Instant VLEK_VALID = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path tmp;

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve(path));
    }

    private SnpVerifier verifier(SnpVerifierSettings settings, Instant at) throws Exception {
        return SnpVerifier.create(settings.withCollateralDirectory(AmdCollateral.directory(tmp)), Clock.fixed(at, ZoneOffset.UTC));
    }

    private SnpVerifier verifier() throws Exception {
        return verifier(SnpVerifierSettings.defaults(), VECTORS_COLLECTED);
    }

    private static ObjectNode evidence(String report, String vek) throws Exception {
        return SnpEvidenceInputs.evidence(vector(report), Optional.of(vector(vek)));
    }

    private static ObjectNode claims(List<VerifiedClaims> result) {
        assertThat(result).hasSize(1);
        return result.get(0).claims();
    }

    @Test
    void trusteeMilanV2ReportVerifiesWithClaims() throws Exception {
        byte[] expectedReportData = HEX.parseHex("ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e71ed08c14400ad7e2");
        ObjectNode c = claims(verifier().evaluate(evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der"),
                Expectation.of(expectedReportData, new byte[32])));
        assertThat(c.get("policy_abi_major").intValue()).isZero();
        assertThat(c.get("policy_abi_minor").intValue()).isEqualTo(31);
        assertThat(c.get("policy_smt_allowed").booleanValue()).isTrue();
        assertThat(c.get("policy_debug_allowed").booleanValue()).isFalse();
        assertThat(c.get("policy_migrate_ma").booleanValue()).isFalse();
        assertThat(c.get("policy_single_socket").booleanValue()).isFalse();
        assertThat(c.get("reported_tcb_bootloader").intValue()).isEqualTo(3);
        assertThat(c.get("reported_tcb_tee").intValue()).isZero();
        assertThat(c.get("reported_tcb_snp").intValue()).isEqualTo(8);
        assertThat(c.get("reported_tcb_microcode").intValue()).isEqualTo(115);
        assertThat(c.get("platform_smt_enabled").booleanValue()).isTrue();
        assertThat(c.get("platform_tsme_enabled").booleanValue()).isFalse();
        assertThat(c.get("measurement").asText()).isEqualTo("a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c");
        assertThat(c.get("report_data").asText()).isEqualTo("ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e71ed08c14400ad7e2" + "0".repeat(64));
        assertThat(c.get("init_data").asText()).isEqualTo("0".repeat(64));
        assertThat(c.get("chip_id").asText()).hasSize(128).startsWith("c38427a3").endsWith("e477524e");
        assertThat(c.size()).isEqualTo(16);
    }

    @Test
    void vlekReportVerifiesInsideItsValidityWhenVmpl1IsAllowed() throws Exception {
        ObjectNode ev = evidence("snp/trustee/test-vlek-report.bin", "snp/trustee/test-vlek.der");
        ObjectNode c = claims(verifier(SnpVerifierSettings.defaults().withMaxVmpl(1), VLEK_VALID).evaluate(ev, Expectation.none()));
        assertThat(c.get("measurement").asText()).startsWith("8922ebbd").endsWith("570d7bf0");
        assertThat(c.get("report_data").asText()).startsWith("819770b7");
        assertThat(c.get("reported_tcb_snp").intValue()).isEqualTo(24);
        assertThat(c.get("reported_tcb_microcode").intValue()).isEqualTo(217);
        assertThat(c.get("chip_id").asText()).isEqualTo("0".repeat(128));
        // The reference refuses any VMPL but 0, and so does the default verifier.
        assertThatThrownBy(() -> verifier(SnpVerifierSettings.defaults(), VLEK_VALID).evaluate(ev, Expectation.none()))
                .isInstanceOf(VmplNotAllowedException.class);
    }

    @Test
    void expiredVlekIsRefusedAtTheCollectionDate() throws Exception {
        ObjectNode ev = evidence("snp/trustee/test-vlek-report.bin", "snp/trustee/test-vlek.der");
        assertThatThrownBy(() -> verifier(SnpVerifierSettings.defaults().withMaxVmpl(1), VECTORS_COLLECTED).evaluate(ev, Expectation.none()))
                .isInstanceOf(SnpCertificateExpiredException.class).hasMessageContaining("SEV-VLEK");
    }

    @Test
    void trusteeE2eGenoaEvidenceVerifies() throws Exception {
        JsonNode ev = Json.readTree(vector("snp/trustee/e2e-evidence.json"));
        ObjectNode c = claims(verifier().evaluate(ev, Expectation.none()));
        assertThat(c.get("measurement").asText()).startsWith("6a6519d7").endsWith("5506e73e");
        assertThat(c.get("report_data").asText()).startsWith("7e732088").endsWith("150cf9b0");
        assertThat(c.get("reported_tcb_bootloader").intValue()).isEqualTo(10);
        assertThat(c.get("reported_tcb_snp").intValue()).isEqualTo(23);
        assertThat(c.get("reported_tcb_microcode").intValue()).isEqualTo(25);
    }

    @Test
    void virteeMilanReportVerifiesWithChainFromTheCertTable() throws Exception {
        // ASK and ARK from the evidence's own table, no collateral directory at all.
        byte[] vekAndChain = (new String(vector("snp/virtee-sev/cert_chain_milan")) + SnpCertificates.toPem(
                SnpCertificates.readAll(vector("snp/virtee-sev/vcek_milan.der")))).getBytes();
        ObjectNode ev = SnpEvidenceInputs.evidence(vector("snp/virtee-sev/report_milan.hex"), Optional.of(vekAndChain));
        SnpVerifier offline = SnpVerifier.create(SnpVerifierSettings.defaults(), Clock.fixed(VECTORS_COLLECTED, ZoneOffset.UTC));
        ObjectNode c = claims(offline.evaluate(ev, Expectation.none()));
        assertThat(c.get("measurement").asText()).startsWith("7a1e5c26").endsWith("cd81841f");
        assertThat(c.get("report_data").asText()).startsWith("d447b55d");
        assertThat(c.get("chip_id").asText()).startsWith("d49554ec").endsWith("4d541eb6");
    }

    @Test
    void vcekFromTheOfflineStoreByChipAndTcb() throws Exception {
        byte[] report = vector("snp/trustee/test-report.bin");
        var parsed = SnpEvidenceInputs.readReport(report);
        Path dir = AmdCollateral.directory(tmp);
        AmdCollateral.write(CollateralDirectory.vcekPath(dir, SnpProduct.MILAN, parsed.chipId(), parsed.reportedTcb()), vector("snp/trustee/test-vcek.der"));
        SnpVerifier v = SnpVerifier.create(SnpVerifierSettings.defaults().withCollateralDirectory(dir), Clock.fixed(VECTORS_COLLECTED, ZoneOffset.UTC));
        ObjectNode ev = SnpEvidenceInputs.evidence(report, Optional.empty());
        assertThat(ev.get("cert_chain").isNull()).isTrue();
        assertThat(claims(v.evaluate(ev, Expectation.none())).get("reported_tcb_microcode").intValue()).isEqualTo(115);
        // Second call is served by the chain cache and still verifies the signature.
        assertThat(v.evaluate(ev, Expectation.none())).hasSize(1);
        assertThat(CollateralDirectory.vcekPath(dir, SnpProduct.MILAN, parsed.chipId(), parsed.reportedTcb()).getFileName().toString())
                .isEqualTo("bl03_tee00_snp08_ucode115_vcek.der");
    }

    @Test
    void turinVcekChainsToThePinnedTurinRoot() throws Exception {
        List<X509Certificate> chain = SnpCertificates.readAll(vector("snp/virtee-sev/cert_chain_turin"));
        VekCertificate vcek = VekCertificate.parse(vector("snp/virtee-sev/vcek_turin.der"));
        assertThat(vcek.product()).contains(SnpProduct.TURIN);
        // fmc, bootloader, tee and snp SPLs are 0; the microcode SPL extension holds 9.
        assertThat(vcek.tcb()).isEqualTo(TcbVersion.turin(0, 0, 0, 0, 9));
        assertThat(vcek.hwId().orElseThrow()).hasSize(8);
        VerifiedChain verified = new VekChainValidator(ArkPins.amd()).validate(SnpProduct.TURIN, vcek, chain.get(0), chain.get(1), VECTORS_COLLECTED, List.of());
        assertThat(verified.product()).isEqualTo(SnpProduct.TURIN);
    }

    @Test
    void amdRootsMatchThePinsAndSignTheirIntermediates() throws Exception {
        for (SnpProduct product : SnpProduct.values()) {
            List<X509Certificate> roots = AmdCollateral.roots(product);
            assertThat(SnpCertificates.commonName(roots.get(1))).isEqualTo("ARK-" + product.kdsName());
            assertThat(ArkPins.amd().matches(product, roots.get(1))).isTrue();
            assertThat(X509Signatures.signedBy(roots.get(1), roots.get(1).getPublicKey())).isTrue();
            assertThat(X509Signatures.signedBy(roots.get(0), roots.get(1).getPublicKey())).isTrue();
            assertThat(X509Signatures.signedBy(roots.get(2), roots.get(1).getPublicKey())).isTrue();
        }
        assertThat(SnpCertificates.readAll(vector("snp/go-sev-guest/milan.testcer")).get(1).getEncoded())
                .isEqualTo(AmdCollateral.roots(SnpProduct.MILAN).get(1).getEncoded());
    }

    @Test
    void syntheticVceksParseButDoNotChain() throws Exception {
        byte[] expected = new byte[64];
        for (int i = 0; i < 64; i++) {
            expected[i] = (byte) i;
        }
        List<X509Certificate> milan = AmdCollateral.roots(SnpProduct.MILAN);
        for (String file : new String[]{"snp/trustee/test-vcek-invalid-legacy.der", "snp/trustee/test-vcek-invalid-new.der"}) {
            VekCertificate vcek = VekCertificate.parse(vector(file));
            assertThat(vcek.hwId().orElseThrow()).isEqualTo(expected);
            assertThatThrownBy(() -> new VekChainValidator(ArkPins.amd()).validate(SnpProduct.MILAN, vcek, milan.get(0), milan.get(1), VECTORS_COLLECTED, List.of()))
                    .isInstanceOf(SnpCertificateSignatureException.class);
        }
    }

    // ---- negative cases, each with its own error ----

    private ObjectNode trusteeEvidence(byte[] report, byte[] vek) throws Exception {
        return SnpEvidenceInputs.evidence(report, Optional.of(vek));
    }

    @Test
    void flippedReportBodyByteBreaksTheSignature() throws Exception {
        byte[] report = vector("snp/trustee/test-report.bin");
        report[42]++;
        assertThatThrownBy(() -> verifier().evaluate(trusteeEvidence(report, vector("snp/trustee/test-vcek.der")), Expectation.none()))
                .isInstanceOf(SnpReportSignatureException.class);
        byte[] virtee = SnpEvidenceInputs.readReport(vector("snp/virtee-sev/report_milan.hex")).toBytes();
        virtee[21] ^= (byte) 0x80;
        assertThatThrownBy(() -> verifier().evaluate(trusteeEvidence(virtee, vector("snp/virtee-sev/vcek_milan.der")), Expectation.none()))
                .isInstanceOf(SnpReportSignatureException.class);
    }

    @Test
    void flippedSignatureByteIsRefused() throws Exception {
        byte[] report = vector("snp/trustee/test-report.bin");
        report[0x2A0 + 5] ^= 1;
        assertThatThrownBy(() -> verifier().evaluate(trusteeEvidence(report, vector("snp/trustee/test-vcek.der")), Expectation.none()))
                .isInstanceOf(SnpReportSignatureException.class);
    }

    @Test
    void reportedTcbDifferentFromTheVcekSpls() throws Exception {
        byte[] report = vector("snp/trustee/test-report.bin");
        report[384]++;
        assertThatThrownBy(() -> verifier().evaluate(trusteeEvidence(report, vector("snp/trustee/test-vcek.der")), Expectation.none()))
                .isInstanceOf(TcbMismatchException.class);
        byte[] vlek = vector("snp/trustee/test-vlek-report.bin");
        vlek[384]++;
        assertThatThrownBy(() -> verifier(SnpVerifierSettings.defaults().withMaxVmpl(1), VLEK_VALID)
                .evaluate(trusteeEvidence(vlek, vector("snp/trustee/test-vlek.der")), Expectation.none()))
                .isInstanceOf(TcbMismatchException.class);
    }

    private static ObjectNode withVek(String report, byte[] vek) throws Exception {
        return new SnpEvidence(SnpEvidenceInputs.readReport(vector(report)), Optional.of(List.of(new SnpCertEntry(SnpCertType.VCEK, vek)))).toJson();
    }

    @Test
    void flippedVcekByteBreaksTheChain() throws Exception {
        // Byte 42 sits in the PSS hash OID: the certificate no longer parses as X.509.
        byte[] vcek = vector("snp/trustee/test-vcek.der");
        vcek[42]++;
        assertThatThrownBy(() -> verifier().evaluate(withVek("snp/trustee/test-report.bin", vcek), Expectation.none()))
                .isInstanceOf(SnpReportFormatException.class).hasMessageContaining("VEK certificate does not parse");
        // Byte 40 (virtee's choice) and a byte in the signature value leave it parseable but unsigned.
        byte[] virtee = vector("snp/virtee-sev/vcek_milan.der");
        virtee[40] ^= 1;
        assertThatThrownBy(() -> verifier().evaluate(withVek("snp/virtee-sev/report_milan.hex", virtee), Expectation.none()))
                .isInstanceOfAny(SnpCertificateSignatureException.class, SnpReportFormatException.class);
        byte[] signature = vector("snp/trustee/test-vcek.der");
        signature[signature.length - 20] ^= 1;
        assertThatThrownBy(() -> verifier().evaluate(withVek("snp/trustee/test-report.bin", signature), Expectation.none()))
                .isInstanceOf(SnpCertificateSignatureException.class).hasMessageContaining("VCEK is not signed by SEV-Milan");
    }

    @Test
    void flippedAskOrArkByte() throws Exception {
        List<X509Certificate> milan = AmdCollateral.roots(SnpProduct.MILAN);
        byte[] ask = milan.get(0).getEncoded();
        ask[ask.length - 10] ^= 1; // inside the signature value
        Path dir = AmdCollateral.directory(tmp);
        AmdCollateral.write(CollateralDirectory.certChainPath(dir, SnpProduct.MILAN, VekType.VCEK),
                SnpCertificates.toPem(List.of(SnpCertificates.readOne(ask), milan.get(1))));
        SnpVerifier v = SnpVerifier.create(SnpVerifierSettings.defaults().withCollateralDirectory(dir), Clock.fixed(VECTORS_COLLECTED, ZoneOffset.UTC));
        ObjectNode ev = evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der");
        assertThatThrownBy(() -> v.evaluate(ev, Expectation.none())).isInstanceOf(SnpCertificateSignatureException.class).hasMessageContaining("ASK");

        byte[] ark = milan.get(1).getEncoded();
        ark[ark.length - 10] ^= 1;
        AmdCollateral.write(CollateralDirectory.certChainPath(dir, SnpProduct.MILAN, VekType.VCEK),
                SnpCertificates.toPem(List.of(milan.get(0), SnpCertificates.readOne(ark))));
        SnpVerifier v2 = SnpVerifier.create(SnpVerifierSettings.defaults().withCollateralDirectory(dir), Clock.fixed(VECTORS_COLLECTED, ZoneOffset.UTC));
        assertThatThrownBy(() -> v2.evaluate(ev, Expectation.none())).isInstanceOf(UntrustedArkException.class);
    }

    @Test
    void asvkInPlaceOfAskFails() throws Exception {
        List<X509Certificate> milan = AmdCollateral.roots(SnpProduct.MILAN);
        Path dir = AmdCollateral.directory(tmp);
        AmdCollateral.write(CollateralDirectory.certChainPath(dir, SnpProduct.MILAN, VekType.VCEK), SnpCertificates.toPem(List.of(milan.get(2), milan.get(1))));
        SnpVerifier v = SnpVerifier.create(SnpVerifierSettings.defaults().withCollateralDirectory(dir), Clock.fixed(VECTORS_COLLECTED, ZoneOffset.UTC));
        assertThatThrownBy(() -> v.evaluate(evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der"), Expectation.none()))
                .isInstanceOf(SnpCertificateSignatureException.class);
    }

    @Test
    void wrongArkIsRefused() throws Exception {
        // A Genoa root presented as Milan's, in the evidence's own certificate table.
        List<X509Certificate> milan = AmdCollateral.roots(SnpProduct.MILAN);
        List<X509Certificate> genoa = AmdCollateral.roots(SnpProduct.GENOA);
        byte[] table = (SnpCertificates.toPem(List.of(SnpCertificates.readOne(vector("snp/trustee/test-vcek.der")), milan.get(0), genoa.get(1)))).getBytes();
        ObjectNode ev = SnpEvidenceInputs.evidence(vector("snp/trustee/test-report.bin"), Optional.of(table));
        assertThatThrownBy(() -> verifier().evaluate(ev, Expectation.none())).isInstanceOf(UntrustedArkException.class).hasMessageContaining("Milan");
    }

    @Test
    void vcekOfAnotherChip() throws Exception {
        assertThatThrownBy(() -> verifier().evaluate(evidence("snp/trustee/test-report.bin", "snp/virtee-sev/vcek_milan.der"), Expectation.none()))
                .isInstanceOf(ChipIdMismatchException.class);
    }

    @Test
    void reportBelowTheMinimumTcb() throws Exception {
        SnpVerifierSettings settings = SnpVerifierSettings.defaults().withMinimumTcb(SnpProduct.MILAN, TcbVersion.of(3, 0, 9, 115));
        assertThatThrownBy(() -> verifier(settings, VECTORS_COLLECTED).evaluate(evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der"), Expectation.none()))
                .isInstanceOf(TcbBelowMinimumException.class).hasMessageContaining("snp=8");
        SnpVerifierSettings met = SnpVerifierSettings.defaults().withMinimumTcb(SnpProduct.MILAN, TcbVersion.of(3, 0, 8, 115));
        assertThat(verifier(met, VECTORS_COLLECTED).evaluate(evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der"), Expectation.none())).hasSize(1);
    }

    @Test
    void reportDataAndHostDataMismatch() throws Exception {
        ObjectNode ev = evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der");
        assertThatThrownBy(() -> verifier().evaluate(ev, Expectation.of(new byte[48], null))).isInstanceOf(ReportDataMismatchException.class);
        assertThatThrownBy(() -> verifier().evaluate(ev, Expectation.of(null, new byte[]{1}))).isInstanceOf(InitDataMismatchException.class);
    }

    @Test
    void truncatedReportAndMalformedEvidence() throws Exception {
        byte[] report = vector("snp/trustee/test-report.bin");
        assertThatThrownBy(() -> SnpEvidenceInputs.readReport(java.util.Arrays.copyOf(report, 1000))).isInstanceOf(SnpReportFormatException.class);
        ObjectNode ev = evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der");
        ((ObjectNode) ev.get("attestation_report")).remove("measurement");
        assertThatThrownBy(() -> verifier().evaluate(ev, Expectation.none())).isInstanceOf(SnpReportFormatException.class).hasMessageContaining("measurement");
        assertThatThrownBy(() -> verifier().evaluate(Json.readTree("[]"), Expectation.none())).isInstanceOf(SnpReportFormatException.class);
    }

    @Test
    void noCollateralAnywhere() throws Exception {
        SnpVerifier offline = SnpVerifier.create(SnpVerifierSettings.defaults(), Clock.fixed(VECTORS_COLLECTED, ZoneOffset.UTC));
        assertThatThrownBy(() -> offline.evaluate(SnpEvidenceInputs.evidence(vector("snp/trustee/test-report.bin"), Optional.empty()), Expectation.none()))
                .isInstanceOf(SnpCollateralUnavailableException.class);
        assertThatThrownBy(() -> offline.evaluate(evidence("snp/trustee/test-report.bin", "snp/trustee/test-vcek.der"), Expectation.none()))
                .isInstanceOf(SnpCollateralUnavailableException.class).hasMessageContaining("ASK");
    }
}
