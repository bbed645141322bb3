package io.coco4j.guest.attester.tsm;

import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.testing.FakeSysfs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFsTsmTest {

    /** The "firmware" echoes the request so each report shows which inblob it binds. */
    private static final FakeSysfs.ReportGenerator ECHO = inblob -> {
        byte[] out = new byte[72];
        System.arraycopy("REPORT::".getBytes(), 0, out, 0, 8);
        System.arraycopy(inblob, 0, out, 8, inblob.length);
        return out;
    };

    private static byte[] request() {
        byte[] inblob = new byte[64];
        Arrays.fill(inblob, (byte) 0x5A);
        return inblob;
    }

    @Test
    void reportBindsTheRequestAndTheEntryIsRemoved() throws Exception {
        FakeSysfs sysfs = FakeSysfs.create().tsm("tdx_guest", ECHO);
        ConfigFsTsm tsm = new ConfigFsTsm(sysfs.root());

        ConfigFsTsm.Report report = tsm.generate("tdx_guest", request(), false);

        assertThat(Arrays.copyOfRange(report.outblob(), 8, 72)).isEqualTo(request());
        assertThat(report.auxblob()).isEmpty();
        assertThat(sysfs.reportsCreated()).isEqualTo(1);
        assertThat(sysfs.reportEntriesPresent()).isZero();
    }

    @Test
    void aGenerationRaceIsRetriedInANewEntry() throws Exception {
        FakeSysfs sysfs = FakeSysfs.create().tsm("sev_guest", ECHO).raceNextReports(2);
        ConfigFsTsm tsm = new ConfigFsTsm(sysfs.root());

        ConfigFsTsm.Report report = tsm.generate("sev_guest", request(), false);

        // the raced reports bound another process's data; only the third binds ours
        assertThat(Arrays.copyOfRange(report.outblob(), 8, 72)).isEqualTo(request());
        assertThat(sysfs.reportsCreated()).isEqualTo(3);
        assertThat(sysfs.reportEntriesPresent()).isZero();
    }

    @Test
    void aPersistentRaceGivesUp() {
        FakeSysfs sysfs = FakeSysfs.create().tsm("tdx_guest", ECHO).raceNextReports(ConfigFsTsm.MAX_ATTEMPTS);
        assertThatThrownBy(() -> new ConfigFsTsm(sysfs.root()).generate("tdx_guest", request(), false))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("another process");
        assertThat(sysfs.reportsCreated()).isEqualTo(ConfigFsTsm.MAX_ATTEMPTS);
        assertThat(sysfs.reportEntriesPresent()).isZero();
    }

    @Test
    void missingProviderIsReported() {
        FakeSysfs sysfs = FakeSysfs.create().tsm("", ECHO);
        assertThatThrownBy(() -> new ConfigFsTsm(sysfs.root()).generate("tdx_guest", request(), false))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("no provider");
        assertThat(sysfs.reportEntriesPresent()).isZero();
        assertThat(new ConfigFsTsm(sysfs.root()).hasProvider("tdx_guest")).isFalse();
    }

    @Test
    void wrongProviderIsReported() {
        FakeSysfs sysfs = FakeSysfs.create().tsm("sev_guest", ECHO);
        assertThatThrownBy(() -> new ConfigFsTsm(sysfs.root()).generate("tdx_guest", request(), false))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("'sev_guest', not 'tdx_guest'");
        assertThat(sysfs.reportEntriesPresent()).isZero();
        assertThat(new ConfigFsTsm(sysfs.root()).hasProvider("sev_guest")).isTrue();
        assertThat(new ConfigFsTsm(sysfs.root()).hasProvider("tdx_guest")).isFalse();
    }

    @Test
    void missingConfigFsIsReported() {
        FakeSysfs sysfs = FakeSysfs.create().directory("sys/kernel/config");
        ConfigFsTsm tsm = new ConfigFsTsm(sysfs.root());
        assertThat(tsm.available()).isFalse();
        assertThatThrownBy(() -> tsm.generate("tdx_guest", request(), false))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("not available");
    }

    @Test
    void oversizedRequestFailsLikeTheKernel() {
        FakeSysfs sysfs = FakeSysfs.create().tsm("tdx_guest", ECHO);
        assertThatThrownBy(() -> new ConfigFsTsm(sysfs.root()).generate("tdx_guest", new byte[65], false))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("Invalid argument");
        assertThat(sysfs.reportEntriesPresent()).isZero();
    }

    @Test
    void rootIsConfigurable() {
        assertThat(new ConfigFsTsm(Path.of("/")).reportDirectory()).isEqualTo(Path.of("/sys/kernel/config/tsm/report"));
    }
}
