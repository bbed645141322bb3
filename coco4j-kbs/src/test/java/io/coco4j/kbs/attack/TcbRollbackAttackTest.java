package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;
import io.coco4j.verifier.tdx.TdxVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host rolls its firmware back to a vulnerable version. The chip then signs genuine reports with
 * the key of the old TCB, so signatures and chains verify; what refuses them is configuration:
 * <ul>
 *   <li>SNP, coco4j's {@code verifier_config.snp_verifier.minimum_tcb}: no token below it;</li>
 *   <li>SNP, the reference's way: the RVPS lists the accepted SPLs ({@code snp_bootloader},
 *       {@code snp_tee_svn}, {@code snp_snp_svn}, {@code snp_microcode}) and the shipped
 *       {@code default_cpu} appraises anything else as unrecognised hardware;</li>
 *   <li>TDX: Intel's signed TCB info rates the platform's TCB level, and {@code default_cpu}
 *       affirms only {@code UpToDate}.</li>
 * </ul>
 * (Verifier level: {@code io.coco4j.verifier.snp.TcbRollbackAttackTest}, {@code TcbBelowPolicyAttackTest}.)
 */
class TcbRollbackAttackTest {

    private static final TcbVersion OLD = TcbVersion.of(3, 0, 8, 115);
    private static final TcbVersion CURRENT = TcbVersion.of(3, 0, 14, 115);
    private static final String MINIMUM = "{\"snp_verifier\":{\"minimum_tcb\":{\"Milan\":{\"bootloader\":3,\"tee\":0,\"snp\":14,\"microcode\":115}}}}";
    private static TestSnpPlatform amd;

    @TempDir
    Path dir;

    @TempDir
    Path collateral;

    @BeforeAll
    static void platform() throws Exception {
        amd = TestSnpPlatform.generate(SnpProduct.MILAN);
    }

    private static String snpReferenceValues(String snpSvns) {
        return "{\"snp_launch_measurement\":[\"" + "00".repeat(48) + "\"],\"snp_bootloader\":[3],\"snp_tee_svn\":[0],"
                + "\"snp_snp_svn\":" + snpSvns + ",\"snp_microcode\":[115]}";
    }

    private static HttpResponse<byte[]> attestSnp(TestKbs kbs, TcbVersion tcb) throws Exception {
        TestSnpPlatform.Vcek vcek = amd.vcek(tcb);
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(guest.auth("snp").statusCode()).isEqualTo(200);
        return guest.attest(HardwareGuests.snp(guest, vcek));
    }

    @Test
    void theConfiguredMinimumRefusesRolledBackSnpFirmware() throws Exception {
        // the operator's verifier_config, with the test's root pinned in place of AMD's
        SnpVerifierSettings settings = SnpVerifierSettings.fromReferenceConfig(Json.readTree(MINIMUM)).withoutKdsFallback().withArkPins(amd.pins());
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION).add(SnpVerifier.create(settings, Clock.systemUTC())).build();
        try (TestKbs kbs = ProductionKbs.withSampleReferenceValues(dir, registry)) {
            // even values that still list the old SVN do not let it through
            ProductionKbs.registerReferenceValues(kbs, snpReferenceValues("[8, 14]"));
            assertThat(ProductionKbs.cpuStatus(attestSnp(kbs, CURRENT))).as("control").isEqualTo("affirming");
            String detail = assertRefused(attestSnp(kbs, OLD), 401, "AttestationError").get("detail").asText();
            assertThat(detail).contains("below the minimum");
            // one component below is enough: newer SNP firmware with older microcode
            assertRefused(attestSnp(kbs, TcbVersion.of(3, 0, 20, 100)), 401, "AttestationError");
        }
    }

    @Test
    void referenceValuesOfTheCurrentSplsWithholdSecretsFromRolledBackSnpFirmware() throws Exception {
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION)
                .add(SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(amd.pins()), Clock.systemUTC())).build();
        try (TestKbs kbs = ProductionKbs.withSampleReferenceValues(dir, registry)) {
            kbs.setResource("default/key/1", new byte[] {7});
            ProductionKbs.registerReferenceValues(kbs, snpReferenceValues("[14]"));
            TestKbs.Guest current = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            current.auth("snp");
            assertThat(ProductionKbs.cpuStatus(current.attest(HardwareGuests.snp(current, amd.vcek(CURRENT))))).as("control").isEqualTo("affirming");
            assertThat(current.getResource("default/key/1").statusCode()).isEqualTo(200);

            TestKbs.Guest rolledBack = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            rolledBack.auth("snp");
            assertThat(ProductionKbs.cpuStatus(rolledBack.attest(HardwareGuests.snp(rolledBack, amd.vcek(OLD))))).isEqualTo("contraindicated");
            assertRefused(rolledBack.getResource("default/key/1"), 401, "PolicyDeny");
        }
    }

    @Test
    void aTdxPlatformBelowTheUpToDateLevelGetsNoSecret() throws Exception {
        Instant now = Instant.now();
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        TestPlatform platform = pki.platform(HexFormat.of().parseHex("00906ed50000"), new int[] {3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        // Intel's TCB info after a TCB recovery: the platform's level is no longer UpToDate
        pki.writeTdxCollateral(collateral, platform, "OutOfDate", List.of("INTEL-SA-00837"), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(29)));
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION).add(new TdxVerifier(new DcapQuoteVerifier(
                pki.trustedRoot(), new CollateralDirectory(collateral), TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.systemUTC()))).build();
        try (TestKbs kbs = ProductionKbs.withSampleReferenceValues(dir, registry)) {
            kbs.setResource("default/key/1", new byte[] {7});
            ProductionKbs.registerReferenceValues(kbs, "{" + HardwareGuests.tdxReferenceValues() + "}");
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("tdx");
            HttpResponse<byte[]> attested = guest.attest(HardwareGuests.tdx(guest, platform, 1L << 28));
            assertThat(ProductionKbs.cpuStatus(attested)).isNotEqualTo("affirming");
            assertThat(TokenResigner.claims(Json.readTree(attested.body()).get("token").asText())
                    .at("/submods/cpu0/ear.veraison.annotated-evidence/tdx/tcb_status").asText()).isEqualTo("OutOfDate");
            assertRefused(guest.getResource("default/key/1"), 401, "PolicyDeny");
        }
    }
}
