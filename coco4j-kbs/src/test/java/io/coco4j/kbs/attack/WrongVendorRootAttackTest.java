package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.snp.ArkPins;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;
import io.coco4j.verifier.tdx.TdxVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker builds a complete vendor hierarchy of their own (an AMD-like ARK, an Intel-like root
 * with Intel's names), signs evidence and collateral with it and sends it to a production KBS
 * configured as shipped: refused, because the roots are pinned. The same evidence passes a KBS that
 * pins the attacker's root, so nothing but the root gives the forgery away.
 * (Verifier level: {@code io.coco4j.verifier.snp.WrongVendorRootAttackTest}, {@code io.coco4j.verifier.attacks.WrongVendorRootAttackTest}.)
 */
class WrongVendorRootAttackTest {

    private static final int[] COMPONENTS = {3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    Path dir;

    @TempDir
    Path other;

    private static JsonNode attest(TestKbs kbs, String tee, Function<TestKbs.Guest, JsonNode> evidence) throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(guest.auth(tee).statusCode()).isEqualTo(200);
        var response = guest.attest(evidence.apply(guest));
        return response.statusCode() == 200 ? null : assertRefused(response, 401, "AttestationError");
    }

    @Test
    void snpEvidenceUnderASelfMadeArkIsRefusedByTheShippedConfiguration() throws Exception {
        TestSnpPlatform forged = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = forged.vcek(TcbVersion.of(9, 9, 30, 250));
        try (TestKbs production = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            JsonNode refusal = attest(production, "snp", guest -> HardwareGuests.snp(guest, vcek));
            assertThat(refusal).isNotNull();
            assertThat(refusal.get("detail").asText()).contains("not the pinned root").contains(ArkPins.fingerprint(forged.ark()));
        }
        VerifierRegistry trustingTheForger = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION)
                .add(SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(forged.pins()), Clock.systemUTC())).build();
        try (TestKbs control = TestKbs.start(other, ServerMode.PRODUCTION, trustingTheForger)) {
            assertThat(attest(control, "snp", guest -> HardwareGuests.snp(guest, vcek))).as("control").isNull();
        }
    }

    @Test
    void tdxQuoteAndCollateralUnderAnIntelLookalikeRootAreRefusedByTheShippedConfiguration() throws Exception {
        Instant now = Instant.now();
        TestDcapPki forged = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        assertThat(forged.root.getSubjectX500Principal().getName()).contains("CN=Intel SGX Root CA");
        TestPlatform platform = forged.platform(HexFormat.of().parseHex("00906ed50000"), COMPONENTS, 11);
        // the forged collateral sits where the shipped configuration reads Intel collateral
        Path collateral = dir.resolve("collateral").resolve("intel");
        forged.writeTdxCollateral(collateral, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        try (TestKbs production = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            JsonNode refusal = attest(production, "tdx", guest -> HardwareGuests.tdx(guest, platform, 1L << 28));
            assertThat(refusal).isNotNull();
            assertThat(refusal.get("detail").asText()).contains(TrustedRootCa.INTEL_SGX_ROOT_CA_SHA256);
        }
        VerifierRegistry trustingTheForger = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION)
                .add(new TdxVerifier(new DcapQuoteVerifier(forged.trustedRoot(), new CollateralDirectory(collateral),
                        TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.systemUTC()))).build();
        try (TestKbs control = TestKbs.start(other, ServerMode.PRODUCTION, trustingTheForger)) {
            assertThat(attest(control, "tdx", guest -> HardwareGuests.tdx(guest, platform, 1L << 28))).as("control").isNull();
        }
    }
}
