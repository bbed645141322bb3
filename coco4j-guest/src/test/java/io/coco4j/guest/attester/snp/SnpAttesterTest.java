package io.coco4j.guest.attester.snp;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.InitDataMismatchException;
import io.coco4j.guest.testing.FakeSysfs;
import io.coco4j.guest.testing.TestTeeKernels;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The snp attester over configfs-tsm, its evidence checked by the real SNP verifier trusting a test chain. */
class SnpAttesterTest {

    private static TestSnpPlatform platform;
    private static TestSnpPlatform.Vcek vcek;
    private static SnpVerifier verifier;

    @BeforeAll
    static void platform() throws Exception {
        platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()), Clock.systemUTC());
    }

    private static byte[] bytes(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    @Test
    void evidenceVerifiesAndBindsTheReportData() throws Exception {
        FakeSysfs sysfs = TestTeeKernels.snp(platform, vcek, bytes(32, 0x11));
        SnpAttester attester = new SnpAttester(sysfs.root());
        byte[] reportData = bytes(48, 0x42);

        JsonNode evidence = attester.evidence(reportData);

        assertThat(evidence.has("attestation_report")).isTrue();
        assertThat(evidence.get("cert_chain").isArray()).isTrue();
        SnpEvidence parsed = SnpEvidence.parse(evidence);
        assertThat(parsed.report().reportData()).isEqualTo(Arrays.copyOf(reportData, 64));
        assertThat(parsed.certChain().orElseThrow()).extracting(SnpCertEntry::type)
                .containsExactly(SnpCertType.VCEK, SnpCertType.ASK, SnpCertType.ARK);
        assertThat(verifier.evaluate(evidence, Expectation.of(reportData, null))).isNotEmpty();
        assertThatThrownBy(() -> verifier.evaluate(evidence, Expectation.of(bytes(48, 0x43), null)))
                .isInstanceOf(VerificationException.class);
        assertThat(sysfs.reportEntriesPresent()).isZero();
    }

    @Test
    void initDataIsBoundThroughHostData() throws Exception {
        byte[] digest = bytes(48, 0x77);
        SnpAttester attester = new SnpAttester(TestTeeKernels.snp(platform, vcek, Arrays.copyOf(digest, 32)).root());
        assertThat(attester.bindInitData(digest)).isEqualTo(InitDataBinding.BOUND);

        SnpAttester other = new SnpAttester(TestTeeKernels.snp(platform, vcek, bytes(32, 0x01)).root());
        assertThatThrownBy(() -> other.bindInitData(digest)).isInstanceOf(InitDataMismatchException.class)
                .hasMessageContaining("HOST_DATA").hasMessageContaining(HexFormat.of().formatHex(bytes(32, 0x01)));
    }

    @Test
    void tooLongReportDataIsRefused() {
        SnpAttester attester = new SnpAttester(TestTeeKernels.snp(platform, vcek, bytes(32, 0)).root());
        assertThatThrownBy(() -> attester.evidence(new byte[65])).hasMessageContaining("at most 64");
    }

    @Test
    void detection() {
        assertThat(SnpAttester.detect(TestTeeKernels.snp(platform, vcek, bytes(32, 0)).root())).isTrue();
        assertThat(SnpAttester.detect(FakeSysfs.create().tsm("tdx_guest", in -> in).root())).isFalse();
    }

    @Test
    void certificateTableRoundTripsAndRejectsBadOffsets() throws Exception {
        List<SnpCertEntry> entries = List.of(new SnpCertEntry(SnpCertType.VCEK, bytes(10, 1)), new SnpCertEntry(SnpCertType.ASK, bytes(5, 2)));
        byte[] table = SnpCertTable.encode(entries);
        assertThat(SnpCertTable.parse(table)).extracting(SnpCertEntry::type).containsExactly(SnpCertType.VCEK, SnpCertType.ASK);
        assertThat(SnpCertTable.parse(table).get(1).data()).isEqualTo(bytes(5, 2));

        byte[] broken = table.clone();
        broken[16] = (byte) 0xF0; // first entry's offset far beyond the table
        assertThatThrownBy(() -> SnpCertTable.parse(broken)).hasMessageContaining("outside the table");
        byte[] unterminated = Arrays.copyOf(table, 24);
        Arrays.fill(unterminated, 16, 24, (byte) 0); // offset 0, length 0: inside, but no end marker follows
        assertThatThrownBy(() -> SnpCertTable.parse(unterminated)).hasMessageContaining("no terminating entry");
    }

    @Test
    void sevGuestIoctlStructures() throws Exception {
        byte[] request = SevGuestDevice.extReportRequest(bytes(64, 9), 0, 0x1122334455667788L, 16384);
        assertThat(request).hasSize(112);
        assertThat(Arrays.copyOf(request, 64)).isEqualTo(bytes(64, 9));
        assertThat(HexFormat.of().formatHex(request, 96, 108)).isEqualTo("887766554433221100400000");
        byte[] guest = SevGuestDevice.guestRequest(0x10L, 0x20L);
        assertThat(HexFormat.of().formatHex(guest)).isEqualTo("01000000000000001000000000000000" + "2000000000000000" + "0000000000000000");
        byte[] response = new byte[SevGuestDevice.REPORT_RESPONSE_LENGTH];
        response[4] = (byte) 0xA0;
        response[5] = 0x04; // 1184 bytes
        response[32] = 3;
        assertThat(SevGuestDevice.reportFromResponse(response)).hasSize(1184).startsWith(3);
        response[0] = 0x16;
        assertThatThrownBy(() -> SevGuestDevice.reportFromResponse(response)).hasMessageContaining("status 22");
    }
}
