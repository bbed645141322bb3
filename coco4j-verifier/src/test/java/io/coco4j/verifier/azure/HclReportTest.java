package io.coco4j.verifier.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;

class HclReportTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] report() throws Exception {
        return Files.readAllBytes(TestVectors.resolve("az-snp-vtpm/hcl-report.bin"));
    }

    @Test
    void parsesSnpHclReport() throws Exception {
        HclReport hcl = HclReport.parse(report());
        assertThat(hcl.reportType()).isEqualTo(HclReportType.SNP);
        assertThat(HEX.formatHex(hcl.varDataDigest())).isEqualTo("b3fbad6514c83caeb0380882145e49f794229ef37c421b91fc47ff93556bafac");
        var snp = hcl.snpReport();
        assertThat(snp.version()).isEqualTo(2);
        assertThat(snp.policy().raw()).isEqualTo(0x3001fL);
        assertThat(snp.reportedTcb()).isEqualTo(TcbVersion.of(3, 0, 8, 115));
        assertThat(HEX.formatHex(snp.measurement())).startsWith("9ac48fca").endsWith("6d17c315");
        hcl.checkVarDataBinding(snp.reportData());
        HclVarData varData = hcl.parsedVarData();
        assertThat(varData.attestationKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(varData.endorsementKey()).isNotNull();
        assertThat(varData.userData()).hasValueSatisfying(u -> assertThat(u).hasSize(64).containsOnly(0));
        assertThat(varData.vmConfiguration().orElseThrow().get("vmUniqueId").asText()).isEqualTo("911B0EF8-9DBA-48B0-B275-4E4DF2D39252");
    }

    @Test
    void changedVarDataBreaksTheBinding() throws Exception {
        byte[] bad = report();
        bad[0x6e0]++;
        HclReport hcl = HclReport.parse(bad);
        assertThatThrownBy(() -> hcl.checkVarDataBinding(hcl.snpReport().reportData())).isInstanceOf(VarDataDigestMismatchException.class);
    }

    @Test
    void damagedAkIsRefused() throws Exception {
        byte[] bad = report();
        bad[0x540] = 0;
        assertThatThrownBy(() -> HclReport.parse(bad).parsedVarData().attestationKey()).isInstanceOf(HclFormatException.class);
    }

    @Test
    void userDataOfEvidenceV2() throws Exception {
        var evidence = Json.readTree(Files.readAllBytes(TestVectors.resolve("az-snp-vtpm/evidence-v2.json")));
        HclReport hcl = HclReport.parse(Base64.getUrlDecoder().decode(evidence.get("hcl_report").asText()));
        byte[] expected = HEX.parseHex("982f5c6e45df0ed3f10b6f60b02f0c8390e281300f3805e2279c16168cd6ae9aa398f647caa2338748cd0fd9f5f819ef");
        hcl.parsedVarData().checkUserData(expected);
        assertThatThrownBy(() -> hcl.parsedVarData().checkUserData(HEX.parseHex("123abc"))).isInstanceOf(UserDataMismatchException.class);
    }

    @Test
    void truncatedAndForeignInputsAreRefused() throws Exception {
        byte[] raw = report();
        assertThatThrownBy(() -> HclReport.parse(java.util.Arrays.copyOf(raw, 100))).isInstanceOf(HclFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> HclReport.parse(java.util.Arrays.copyOf(raw, 1300))).isInstanceOf(HclFormatException.class).hasMessageContaining("exceeds");
        byte[] magic = raw.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> HclReport.parse(magic)).isInstanceOf(HclFormatException.class).hasMessageContaining("HCLA");
        assertThatThrownBy(() -> HclReport.parse(raw).tdReport()).isInstanceOf(HclFormatException.class);
    }
}
