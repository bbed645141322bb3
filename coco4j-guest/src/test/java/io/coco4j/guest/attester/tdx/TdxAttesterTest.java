package io.coco4j.guest.attester.tdx;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.InitDataMismatchException;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.guest.testing.FakeSysfs;
import io.coco4j.guest.testing.TestTeeKernels;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.tdx.TdxVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tdx attester over configfs-tsm, its quotes checked by the real TDX verifier trusting a test PCK hierarchy. */
class TdxAttesterTest {

    private static final byte[] FMSPC = HexFormat.of().parseHex("00906ed50000");

    @TempDir
    static Path collateral;

    private static TestPlatform platform;
    private static TdxVerifier verifier;

    @BeforeAll
    static void platform() throws Exception {
        Instant now = Instant.now();
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        platform = pki.platform(FMSPC, new int[]{3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        pki.writeTdxCollateral(collateral, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        verifier = new TdxVerifier(new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(collateral),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.systemUTC()));
    }

    private static byte[] bytes(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    @Test
    void quoteVerifiesAndBindsTheReportData() throws Exception {
        FakeSysfs sysfs = TestTeeKernels.tdx(platform, new byte[48]);
        TdxAttester attester = new TdxAttester(sysfs.root(), Optional.empty());
        byte[] reportData = bytes(48, 0x3C);

        JsonNode evidence = attester.evidence(reportData);

        assertThat(evidence.get("cc_eventlog").isNull()).isTrue();
        assertThat(verifier.evaluate(evidence, Expectation.of(reportData, null))).isNotEmpty();
        assertThatThrownBy(() -> verifier.evaluate(evidence, Expectation.of(bytes(48, 0x3D), null))).isInstanceOf(VerificationException.class);
        assertThat(sysfs.reportEntriesPresent()).isZero();
    }

    @Test
    void initDataIsBoundThroughMrConfigId() throws Exception {
        byte[] digest = bytes(48, 0x66);
        assertThat(new TdxAttester(TestTeeKernels.tdx(platform, digest).root(), Optional.empty()).bindInitData(digest))
                .isEqualTo(InitDataBinding.BOUND);
        // a SHA-256 digest is zero-padded to 48 bytes
        byte[] short32 = bytes(32, 0x66);
        assertThat(new TdxAttester(TestTeeKernels.tdx(platform, Arrays.copyOf(short32, 48)).root(), Optional.empty()).bindInitData(short32))
                .isEqualTo(InitDataBinding.BOUND);
        TdxAttester other = new TdxAttester(TestTeeKernels.tdx(platform, bytes(48, 0x01)).root(), Optional.empty());
        assertThatThrownBy(() -> other.bindInitData(digest)).isInstanceOf(InitDataMismatchException.class).hasMessageContaining("MRCONFIGID");
    }

    @Test
    void mrConfigIdFromTheMeasurementFileWhenTheKernelHasIt() throws Exception {
        byte[] digest = bytes(48, 0x21);
        FakeSysfs sysfs = TestTeeKernels.tdx(platform, new byte[48])
                .file(TdxAttester.MEASUREMENTS + "/mrconfigid", HexFormat.of().formatHex(digest).getBytes());
        assertThat(new TdxAttester(sysfs.root(), Optional.empty()).bindInitData(digest)).isEqualTo(InitDataBinding.BOUND);
    }

    @Test
    void eventLogIsTheCcelWithAttestationAgentRecordsAppended() throws Exception {
        byte[] ccel = {1, 2, 3, 4, (byte) 0xFF, (byte) 0xFF};
        byte[] aael = {9, 9};
        FakeSysfs sysfs = TestTeeKernels.tdx(platform, new byte[48]).file(TdxAttester.CCEL, ccel).file("run/aael", aael);

        JsonNode withoutAael = new TdxAttester(sysfs.root(), Optional.empty()).evidence(new byte[0]);
        assertThat(Base64.getDecoder().decode(withoutAael.get("cc_eventlog").asText())).isEqualTo(ccel);

        JsonNode withAael = new TdxAttester(sysfs.root(), Optional.of(sysfs.root().resolve("run/aael"))).evidence(new byte[0]);
        assertThat(Base64.getDecoder().decode(withAael.get("cc_eventlog").asText()))
                .isEqualTo(new byte[]{1, 2, 3, 4, 9, 9, -1, -1, -1, -1, -1, -1, -1, -1});
    }

    @Test
    void runtimeMeasurementsGoToTheRtmrOfTheMappedRegister() throws Exception {
        FakeSysfs sysfs = TestTeeKernels.tdx(platform, new byte[48]).file(TdxAttester.MEASUREMENTS + "/rtmr3:sha384", new byte[48]);
        RuntimeMeasurement rtmrs = new TdxAttester(sysfs.root(), Optional.empty()).runtimeMeasurement().orElseThrow();
        assertThat(rtmrs.algorithm()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(rtmrs.registerFor(17)).isEqualTo(4);
        assertThat(rtmrs.registerFor(1)).isEqualTo(1);
        assertThat(rtmrs.registerFor(7)).isEqualTo(1);
        assertThat(rtmrs.registerFor(4)).isEqualTo(2);
        assertThat(rtmrs.registerFor(8)).isEqualTo(3);
        rtmrs.extend(17, bytes(48, 0x55));
        assertThat(sysfs.read(TdxAttester.MEASUREMENTS + "/rtmr3:sha384")).isEqualTo(bytes(48, 0x55));
        assertThatThrownBy(() -> rtmrs.extend(2, bytes(48, 1))).hasMessageContaining("cannot extend RTMRs");
        assertThatThrownBy(() -> rtmrs.extend(17, bytes(32, 1))).hasMessageContaining("48-byte");
    }

    @Test
    void detection() {
        assertThat(TdxAttester.detect(TestTeeKernels.tdx(platform, new byte[48]).root())).isTrue();
        assertThat(TdxAttester.detect(FakeSysfs.create().root())).isFalse();
    }
}
