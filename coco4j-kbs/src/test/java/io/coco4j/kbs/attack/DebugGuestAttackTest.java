package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.tee.snp.SnpPolicy;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.sgx.SgxEvidence;
import io.coco4j.verifier.sgx.SgxVerifier;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;
import io.coco4j.verifier.tdx.TdxVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guest launched with debugging enabled (SNP policy bit DEBUG, TDX TD attribute DEBUG, SGX
 * ATTRIBUTES.DEBUG) lets the host read its memory, yet its evidence is genuine and verifies. Only
 * the policies stand between it and the secrets: a production KBS with the shipped
 * {@code default_cpu} and {@code affirming} policies, reference values registered for the honest
 * guest, releases the resource to the honest guest and not to the same guest with debug on.
 * (Verifier level: {@code DebugPolicyClaimAttackTest}, {@code TdxDebugTdAttackTest}, {@code SgxDebugEnclaveAttackTest}.)
 */
class DebugGuestAttackTest {

    private static final byte[] MEASUREMENT = filled(48, 0xA5);
    private static final TcbVersion TCB = TcbVersion.of(3, 0, 8, 115);
    private static final long TD_SEPT_VE_DISABLE = 1L << 28;
    private static final long TD_DEBUG = 1L;
    private static final long SGX_INIT_MODE64 = 0x05;
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @TempDir
    Path collateral;

    private TestSnpPlatform.Vcek vcek;
    private TestPlatform intel;
    private TestKbs kbs;

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @BeforeEach
    void start() throws Exception {
        TestSnpPlatform amd = TestSnpPlatform.generate(SnpProduct.MILAN);
        vcek = amd.vcek(TCB);
        Instant now = Instant.now();
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        intel = pki.platform(HEX.parseHex("00906ed50000"), new int[] {3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        pki.writeTdxCollateral(collateral, intel, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        pki.writeSgxCollateral(collateral, intel, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        DcapQuoteVerifier dcap = new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(collateral), TcbStatus.referenceAccepted(),
                Duration.ofMinutes(10), Clock.systemUTC());
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION)
                .add(SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(amd.pins()), Clock.systemUTC()))
                .add(new TdxVerifier(dcap)).add(new SgxVerifier(dcap)).build();
        kbs = ProductionKbs.withSampleReferenceValues(dir, registry);
        kbs.setResource("default/key/1", new byte[] {7});
        // the operator's reference values for the honest guests
        ProductionKbs.registerReferenceValues(kbs, "{"
                + "\"snp_launch_measurement\":[\"" + HEX.formatHex(MEASUREMENT) + "\"],\"snp_bootloader\":[3],\"snp_tee_svn\":[0],"
                + "\"snp_snp_svn\":[8],\"snp_microcode\":[115]," + HardwareGuests.tdxReferenceValues() + "}");
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private TestKbs.Guest guest(String tee) throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(guest.auth(tee).statusCode()).isEqualTo(200);
        return guest;
    }

    private static void assertReleased(TestKbs.Guest guest, HttpResponse<byte[]> attested) throws Exception {
        assertThat(ProductionKbs.cpuStatus(attested)).isEqualTo("affirming");
        assertThat(guest.getResource("default/key/1").statusCode()).isEqualTo(200);
    }

    private static void assertWithheld(TestKbs.Guest guest, HttpResponse<byte[]> attested) throws Exception {
        assertThat(ProductionKbs.cpuStatus(attested)).isNotEqualTo("affirming");
        assertRefused(guest.getResource("default/key/1"), 401, "PolicyDeny");
    }

    private static UnaryOperator<SnpReport.Builder> snpPolicy(long extraBits) {
        return report -> report.measurement(MEASUREMENT)
                .policy(new SnpPolicy((1L << SnpPolicy.SMT_BIT) | (1L << SnpPolicy.RESERVED_MUST_BE_ONE_BIT) | extraBits));
    }

    @Test
    void snpGuestWithTheDebugPolicyBitGetsNoSecret() throws Exception {
        TestKbs.Guest honest = guest("snp");
        assertReleased(honest, honest.attest(HardwareGuests.snp(honest, vcek, snpPolicy(0))));
        TestKbs.Guest debug = guest("snp");
        assertWithheld(debug, debug.attest(HardwareGuests.snp(debug, vcek, snpPolicy(1L << SnpPolicy.DEBUG_BIT))));
        TestKbs.Guest migratable = guest("snp");
        assertWithheld(migratable, migratable.attest(HardwareGuests.snp(migratable, vcek, snpPolicy(1L << SnpPolicy.MIGRATE_MA_BIT))));
    }

    @Test
    void tdWithTheDebugAttributeGetsNoSecret() throws Exception {
        TestKbs.Guest honest = guest("tdx");
        assertReleased(honest, honest.attest(HardwareGuests.tdx(honest, intel, TD_SEPT_VE_DISABLE)));
        TestKbs.Guest debug = guest("tdx");
        assertWithheld(debug, debug.attest(HardwareGuests.tdx(debug, intel, TD_SEPT_VE_DISABLE | TD_DEBUG)));
    }

    @Test
    void sgxDebugEnclaveGetsNoSecret() throws Exception {
        // the shipped default_cpu appraises no SGX claim (as the reference's): an SGX enclave is never affirming by default
        TestKbs.Guest debug = guest("sgx");
        byte[] quote = intel.sgxQuote(TestPlatform.enclaveReport(HardwareGuests.reportData(debug), SGX_INIT_MODE64 | EnclaveReport.FLAG_DEBUG));
        HttpResponse<byte[]> attested = debug.attest(debug.attestation(SgxEvidence.toJson(quote)));
        assertThat(ProductionKbs.cpuStatus(attested)).isEqualTo("contraindicated");
        assertRefused(debug.getResource("default/key/1"), 401, "PolicyDeny");
    }
}
