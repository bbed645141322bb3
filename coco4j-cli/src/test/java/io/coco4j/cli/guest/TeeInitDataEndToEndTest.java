package io.coco4j.cli.guest;

import io.coco4j.guest.aa.AaConfig;
import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.aa.AttestationAgentException;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.Attesters;
import io.coco4j.guest.attester.snp.SnpAttester;
import io.coco4j.guest.attester.tdx.TdxAttester;
import io.coco4j.guest.initdata.InitDataDocument;
import io.coco4j.guest.testing.FakeSysfs;
import io.coco4j.guest.testing.TestTeeKernels;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Init-data on hardware TEEs, end to end: the snp and tdx attesters run against guest kernels whose
 * reports are signed by test vendor chains, and the KBS's SNP and TDX verifiers trust those chains.
 * Init-data whose digest matches HOST_DATA / MRCONFIGID attests; init-data that differs is refused by
 * the verifier (when the guest sends it anyway) and by {@code coco4j aa -t} at start-up.
 */
class TeeInitDataEndToEndTest {

    private static final String LAUNCHED = "algorithm = \"sha384\"\nversion = \"0.1.0\"\n[data]\n\"policy.rego\" = \"package agent_policy\"\n";
    private static final String OTHER = "algorithm = \"sha384\"\nversion = \"0.1.0\"\n[data]\n\"policy.rego\" = \"package other\"\n";

    @TempDir
    Path dir;

    private static AttestationAgent agent(Attester attester, TestKbs kbs, String initData) throws Exception {
        return AttestationAgent.builder().attester(attester).config(AaConfig.withKbs(kbs.url))
                .initData(InitDataDocument.parse(initData)).handshakeRetryDelay(Duration.ZERO).build();
    }

    private static String initDataClaim(AttestationAgent agent) throws Exception {
        String jwt = agent.kbsCredential().token().jwt();
        return Json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).at("/submods/cpu0")
                .get("ear.veraison.annotated-evidence").get("init_data").asText();
    }

    /** {@code coco4j aa -t FILE --attester TEE} on a fake guest; returns the start-up refusal, if any. */
    private Optional<AaCommand.StartupProblem> startAa(FakeSysfs guest, String tee, String initData) throws Exception {
        Path file = dir.resolve(tee + "-initdata.toml");
        Files.writeString(file, initData);
        AaCommand command = new AaCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        commandLine.parseArgs("-a", "unix://" + dir.resolve(tee + "-aa.sock"), "--attester", tee, "-t", file.toString());
        try {
            command.start(Map.of(), new Attesters.Platform(guest.root(), Map.of(), URI.create("http://127.0.0.1:1"), Optional.empty())).close();
            return Optional.empty();
        } catch (AaCommand.StartupProblem e) {
            return Optional.of(e);
        }
    }

    @Test
    void snpHostDataMustMatchTheInitData() throws Exception {
        TestSnpPlatform platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        SnpVerifier verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()), Clock.systemUTC());
        byte[] digest = InitDataDocument.parse(LAUNCHED).digest();
        FakeSysfs guest = TestTeeKernels.snp(platform, vcek, InitDataDocument.parse(LAUNCHED).fittedDigest(32));
        try (TestKbs kbs = TestKbs.start(dir.resolve("kbs"), ServerMode.DEVELOPMENT,
                VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(verifier).build())) {
            // the SNP verifier reports the HOST_DATA it checked against the init-data
            assertThat(initDataClaim(agent(new SnpAttester(guest.root()), kbs, LAUNCHED)))
                    .isEqualTo(HexFormat.of().formatHex(Arrays.copyOf(digest, 32)));

            AttestationAgent lying = agent(new SnpAttester(guest.root()), kbs, OTHER);
            assertThatThrownBy(lying::kbsCredential).isInstanceOf(AttestationAgentException.class)
                    .hasMessageContaining("401").hasMessageContaining("AttestationError");
        }
        assertThat(startAa(guest, "snp", LAUNCHED)).isEmpty();
        assertThat(startAa(guest, "snp", OTHER)).hasValueSatisfying(problem -> {
            assertThat(problem.exitCode).isEqualTo(1);
            assertThat(problem.getMessage()).contains("HOST_DATA");
        });
    }

    @Test
    void tdxMrConfigIdMustMatchTheInitData() throws Exception {
        Instant now = Instant.now();
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        TestPlatform platform = pki.platform(HexFormat.of().parseHex("00906ed50000"), new int[]{3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        Path collateral = Files.createDirectories(dir.resolve("collateral"));
        pki.writeTdxCollateral(collateral, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        TdxVerifier verifier = new TdxVerifier(new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(collateral),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.systemUTC()));
        byte[] digest = InitDataDocument.parse(LAUNCHED).digest();
        FakeSysfs guest = TestTeeKernels.tdx(platform, InitDataDocument.parse(LAUNCHED).fittedDigest(48));
        try (TestKbs kbs = TestKbs.start(dir.resolve("kbs"), ServerMode.DEVELOPMENT,
                VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(verifier).build())) {
            // the TDX verifier reports the MRCONFIGID it checked against the init-data
            assertThat(initDataClaim(agent(new TdxAttester(guest.root(), Optional.empty()), kbs, LAUNCHED)))
                    .isEqualTo(HexFormat.of().formatHex(digest));

            AttestationAgent lying = agent(new TdxAttester(guest.root(), Optional.empty()), kbs, OTHER);
            assertThatThrownBy(lying::kbsCredential).isInstanceOf(AttestationAgentException.class)
                    .hasMessageContaining("401").hasMessageContaining("AttestationError");
        }
        assertThat(startAa(guest, "tdx", LAUNCHED)).isEmpty();
        assertThat(startAa(guest, "tdx", OTHER)).hasValueSatisfying(problem -> {
            assertThat(problem.exitCode).isEqualTo(1);
            assertThat(problem.getMessage()).contains("MRCONFIGID");
        });
    }
}
