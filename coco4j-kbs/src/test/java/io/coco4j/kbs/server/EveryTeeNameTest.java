package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.AttestationServiceConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every TEE name of the protocol gets a definite answer at {@code /auth}: a challenge when coco4j
 * verifies it here, else 401 naming the TEE and why (unsupported, not configured, device-only,
 * development only). The README's TEE table states the same.
 */
class EveryTeeNameTest {

    @TempDir
    Path dir;

    private static final Set<Tee> VERIFIED_BY_DEFAULT = EnumSet.of(Tee.SNP, Tee.AZ_SNP_VTPM, Tee.TDX, Tee.SGX, Tee.AZ_TDX_VTPM);

    private static Map<Tee, HttpResponse<byte[]>> askEach(TestKbs kbs) throws Exception {
        Map<Tee, HttpResponse<byte[]>> answers = new EnumMap<>(Tee.class);
        for (Tee tee : Tee.values()) {
            answers.put(tee, kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"" + tee.wireName() + "\",\"extra-params\":\"\"}"));
        }
        return answers;
    }

    private static String detail(HttpResponse<byte[]> response) throws Exception {
        JsonNode body = Json.readTree(response.body());
        assertThat(body.get("type").asText()).endsWith("/AttestationError");
        return body.get("detail").asText();
    }

    @Test
    void productionDefaults() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION, true)) {
            Map<Tee, HttpResponse<byte[]>> answers = askEach(kbs);
            for (Tee tee : Tee.values()) {
                HttpResponse<byte[]> answer = answers.get(tee);
                if (VERIFIED_BY_DEFAULT.contains(tee)) {
                    assertThat(answer.statusCode()).as(tee.wireName()).isEqualTo(200);
                } else {
                    assertThat(answer.statusCode()).as(tee.wireName()).isEqualTo(401);
                    assertThat(detail(answer)).as(tee.wireName()).contains("'" + tee.wireName() + "'");
                }
            }
            assertThat(detail(answers.get(Tee.SE))).contains("unsupported");
            assertThat(detail(answers.get(Tee.CSV))).contains("unsupported");
            assertThat(detail(answers.get(Tee.TPM))).contains("not configured").contains("tpm_verifier");
            assertThat(detail(answers.get(Tee.CCA))).contains("not configured").contains("cca_verifier");
            assertThat(detail(answers.get(Tee.NVIDIA))).contains("device TEE");
            assertThat(detail(answers.get(Tee.HYGON_DCU))).contains("device TEE");
            assertThat(detail(answers.get(Tee.SAMPLE_DEVICE))).contains("device TEE");
            assertThat(detail(answers.get(Tee.SAMPLE))).contains("--dev");
        }
    }

    @Test
    void developmentModeAddsTheSampleTee() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            Map<Tee, HttpResponse<byte[]>> answers = askEach(kbs);
            assertThat(answers.get(Tee.SAMPLE).statusCode()).isEqualTo(200);
            assertThat(answers.get(Tee.SAMPLE_DEVICE).statusCode()).isEqualTo(401);
            assertThat(answers.get(Tee.CSV).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void tpmAndCcaAreVerifiedOnceConfigured() throws Exception {
        Path aks = Files.createDirectories(dir.resolve("aks"));
        ObjectNode verifierConfig = Json.mapper().createObjectNode();
        verifierConfig.putObject("tpm_verifier").put("trusted_ak_keys_dir", aks.toString());
        verifierConfig.putObject("cca_verifier").put("type", "Local").put("ta_store", TestVectors.resolve("cca/tastore.json").toString());
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AttestationServiceConfig as = defaults.attestationService();
        KbsConfig config = new KbsConfig(defaults.httpServer(), defaults.attestationToken(),
                new AttestationServiceConfig(as.type(), as.timeoutMinutes(), as.tokenBroker(), as.rvpsConfig(), Optional.of(verifierConfig),
                        as.storageType(), as.remote()),
                defaults.admin(), defaults.storageBackend(), defaults.plugins(), defaults.sessionStorageType());
        try (TestKbs kbs = TestKbs.start(config, data, ServerMode.PRODUCTION, true)) {
            Map<Tee, HttpResponse<byte[]>> answers = askEach(kbs);
            assertThat(answers.get(Tee.TPM).statusCode()).isEqualTo(200);
            assertThat(answers.get(Tee.CCA).statusCode()).isEqualTo(200);
            assertThat(answers.get(Tee.SE).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aConfiguredVerifierWithoutItsTrustAnchorsStopsStartUp() throws Exception {
        ObjectNode verifierConfig = Json.mapper().createObjectNode();
        verifierConfig.putObject("tpm_verifier").put("trusted_ak_keys_dir", dir.resolve("missing").toString());
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AttestationServiceConfig as = defaults.attestationService();
        KbsConfig config = new KbsConfig(defaults.httpServer(), defaults.attestationToken(),
                new AttestationServiceConfig(as.type(), as.timeoutMinutes(), as.tokenBroker(), as.rvpsConfig(), Optional.of(verifierConfig),
                        as.storageType(), as.remote()),
                defaults.admin(), defaults.storageBackend(), defaults.plugins(), defaults.sessionStorageType());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KbsServer.start(new KbsServer.Options(config, ServerMode.PRODUCTION, data, List.of(), true)))
                .isInstanceOf(StartupException.class).hasMessageContaining("trusted AK keys directory");
    }
}
