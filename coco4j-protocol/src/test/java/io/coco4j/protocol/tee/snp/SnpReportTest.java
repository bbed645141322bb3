package io.coco4j.protocol.tee.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.OptionalLong;

class SnpReportTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve(path));
    }

    @Test
    void parsesTrusteeMilanV2Report() throws Exception {
        SnpReport r = SnpReport.parse(vector("snp/trustee/test-report.bin"));
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.guestSvn()).isEqualTo(4);
        assertThat(r.policy().raw()).isEqualTo(0x3001fL);
        assertThat(r.policy().abiMajor()).isZero();
        assertThat(r.policy().abiMinor()).isEqualTo(31);
        assertThat(r.policy().smtAllowed()).isTrue();
        assertThat(r.policy().debugAllowed()).isFalse();
        assertThat(r.policy().migrateMaAllowed()).isFalse();
        assertThat(r.policy().singleSocketRequired()).isFalse();
        assertThat(r.vmpl()).isZero();
        assertThat(r.cpuid()).isEmpty();
        assertThat(r.product()).isEmpty();
        assertThat(HEX.formatHex(r.measurement())).isEqualTo("a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c");
        assertThat(HEX.formatHex(r.reportData())).startsWith("ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e71ed08c14400ad7e2").endsWith("0".repeat(64));
        assertThat(r.hostData()).containsOnly(0);
        assertThat(r.reportedTcb()).isEqualTo(TcbVersion.of(3, 0, 8, 115));
        assertThat(HEX.formatHex(r.chipId())).startsWith("c38427a3").endsWith("e477524e");
        assertThat(r.platformInfo().smtEnabled()).isTrue();
        assertThat(r.platformInfo().tsmeEnabled()).isFalse();
        assertThat(r.keyInfo().signingKey()).isEqualTo(KeyInfo.SigningKey.VCEK);
    }

    @Test
    void parsesVlekV3ReportWithCpuid() throws Exception {
        SnpReport r = SnpReport.parse(vector("snp/trustee/test-vlek-report.bin"));
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.cpuid()).contains(new Cpuid(0x19, 0x01, 0x01));
        assertThat(r.product()).contains(SnpProduct.MILAN);
        assertThat(r.vmpl()).isEqualTo(1);
        assertThat(r.reportedTcb()).isEqualTo(TcbVersion.of(4, 0, 24, 217));
        assertThat(r.chipId()).containsOnly(0);
        assertThat(r.platformInfo().raw()).isEqualTo(0x27);
        assertThat(r.keyInfo().signingKey()).isEqualTo(KeyInfo.SigningKey.VLEK);
    }

    @Test
    void binaryRoundTripIsExact() throws Exception {
        for (String path : new String[]{"snp/trustee/test-report.bin", "snp/trustee/test-vlek-report.bin"}) {
            byte[] raw = vector(path);
            SnpReport parsed = SnpReport.parse(raw);
            assertThat(parsed.toBytes()).isEqualTo(raw);
            // Re-encoding from the fields (no reserved bytes set in these reports) gives the same bytes.
            assertThat(parsed.toBuilder().build().toBytes()).isEqualTo(raw);
        }
    }

    @Test
    void hexReportFromVirtee() throws Exception {
        byte[] raw = HEX.parseHex(Files.readString(TestVectors.resolve("snp/virtee-sev/report_milan.hex")).strip());
        SnpReport r = SnpReport.parse(raw);
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.reportedTcb()).isEqualTo(TcbVersion.of(3, 0, 8, 115));
        assertThat(HEX.formatHex(r.chipId())).startsWith("d49554ec");
    }

    @Test
    void referenceJsonFormRoundTrips() throws Exception {
        var evidenceJson = Json.readTree(Files.readAllBytes(TestVectors.resolve("snp/trustee/e2e-evidence.json")));
        SnpEvidence evidence = SnpEvidence.parse(evidenceJson);
        SnpReport r = evidence.report();
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.product()).contains(SnpProduct.GENOA);
        assertThat(r.reportedTcb()).isEqualTo(TcbVersion.of(10, 0, 23, 25));
        assertThat(r.current()).isEqualTo(new FirmwareVersion(1, 55, 40));
        assertThat(evidence.certChain()).hasValueSatisfying(c -> assertThat(c).singleElement().extracting(SnpCertEntry::type).isEqualTo(SnpCertType.VCEK));
        assertThat(SnpReport.parse(r.toBytes()).toBytes()).isEqualTo(r.toBytes());
        // Serialising back gives the same JSON members and values.
        assertThat(Json.write(evidence.toJson().get("attestation_report"))).isEqualTo(Json.write(evidenceJson.get("attestation_report")));
    }

    @Test
    void turinLayoutCarriesFmc() throws Exception {
        SnpReport r = SnpReport.builder().version(3).cpuid(new Cpuid(0x1A, 0x02, 0x01))
                .allTcbs(TcbVersion.turin(5, 3, 1, 8, 15)).build();
        byte[] raw = r.toBytes();
        assertThat(raw[SnpReportLayout.REPORTED_TCB]).isEqualTo((byte) 5);
        assertThat(raw[SnpReportLayout.REPORTED_TCB + 1]).isEqualTo((byte) 3);
        assertThat(raw[SnpReportLayout.REPORTED_TCB + 3]).isEqualTo((byte) 8);
        SnpReport back = SnpReport.parse(raw);
        assertThat(back.reportedTcb()).isEqualTo(TcbVersion.turin(5, 3, 1, 8, 15));
        assertThat(back.product()).contains(SnpProduct.TURIN);
        assertThat(back.reportedTcb().filePrefix()).isEqualTo("bl03_tee01_snp08_ucode15_fmc05");
        assertThat(TcbVersion.of(2, 0, 6, 21).filePrefix()).isEqualTo("bl02_tee00_snp06_ucode21");
        assertThatThrownBy(() -> SnpReport.builder().version(3).cpuid(new Cpuid(0x1A, 0, 0)).allTcbs(TcbVersion.of(1, 1, 1, 1)).build())
                .isInstanceOf(SnpFormatException.class).hasMessageContaining("FMC");
    }

    @Test
    void version5MitigationVectorsRoundTrip() throws Exception {
        SnpReport r = SnpReport.builder().version(5).cpuid(new Cpuid(0x19, 0x11, 0x01)).allTcbs(TcbVersion.of(9, 0, 21, 72))
                .launchMitVector(OptionalLong.of(3)).currentMitVector(OptionalLong.of(-1L)).build();
        SnpReport back = SnpReport.parse(r.toBytes());
        assertThat(back.launchMitVector()).hasValue(3);
        assertThat(back.currentMitVector()).hasValue(-1L);
        SnpReport fromJson = SnpReportJson.fromJson(SnpReportJson.toJson(r));
        assertThat(fromJson.toBytes()).isEqualTo(r.toBytes());
        assertThat(SnpReportJson.toJson(r).get("current_mit_vector").asText()).isEqualTo("18446744073709551615");
    }

    @Test
    void rejectsTruncatedOversizedAndUnknownVersions() throws Exception {
        byte[] raw = vector("snp/trustee/test-report.bin");
        assertThatThrownBy(() -> SnpReport.parse(java.util.Arrays.copyOf(raw, 1183))).isInstanceOf(SnpFormatException.class).hasMessageContaining("1184");
        assertThatThrownBy(() -> SnpReport.parse(java.util.Arrays.copyOf(raw, 1185))).isInstanceOf(SnpFormatException.class).hasMessageContaining("1184");
        for (int v : new int[]{0, 1, 6, -1}) {
            byte[] bad = raw.clone();
            java.nio.ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, v);
            assertThatThrownBy(() -> SnpReport.parse(bad)).isInstanceOf(SnpFormatException.class).hasMessageContaining("version");
        }
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        var json = SnpReportJson.toJson(SnpReport.parse(vector("snp/trustee/test-vlek-report.bin")));
        var shortMeasurement = json.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) shortMeasurement.get("measurement")).remove(0);
        assertThatThrownBy(() -> SnpReportJson.fromJson(shortMeasurement)).isInstanceOf(SnpFormatException.class).hasMessageContaining("measurement");
        var notAByte = json.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) notAByte.get("chip_id")).set(0, 256);
        assertThatThrownBy(() -> SnpReportJson.fromJson(notAByte)).isInstanceOf(SnpFormatException.class).hasMessageContaining("chip_id");
        var noCpuid = json.deepCopy();
        noCpuid.putNull("cpuid_fam_id");
        assertThatThrownBy(() -> SnpReportJson.fromJson(noCpuid)).isInstanceOf(SnpFormatException.class).hasMessageContaining("CPUID");
        var noTcb = json.deepCopy();
        noTcb.remove("reported_tcb");
        assertThatThrownBy(() -> SnpReportJson.fromJson(noTcb)).isInstanceOf(SnpFormatException.class).hasMessageContaining("reported_tcb");
    }

    @Test
    void signatureDerConversionRoundTrips() {
        byte[] r = new byte[72];
        byte[] s = new byte[72];
        r[0] = 1;
        r[47] = (byte) 0x80;
        s[5] = 7;
        SnpSignature sig = new SnpSignature(r, s);
        assertThat(SnpSignature.fromDer(sig.toDer())).isEqualTo(sig);
        assertThat(new TcbVersion(OptionalInt.empty(), 1, 2, 3, 4).atLeast(TcbVersion.of(1, 2, 3, 4))).isTrue();
        assertThat(TcbVersion.of(9, 9, 2, 9).atLeast(TcbVersion.of(1, 1, 3, 1))).isFalse();
    }
}
