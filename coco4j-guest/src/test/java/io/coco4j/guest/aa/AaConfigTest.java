package io.coco4j.guest.aa;

import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AaConfigTest {

    @Test
    void referenceKeys() throws Exception {
        AaConfig config = AaConfig.parse("""
                [token_configs.kbs]
                url = "https://kbs.example:8080"
                cert = "-----BEGIN CERTIFICATE-----"
                tee_key_algorithm = "RSA-OAEP-256"
                [token_configs.coco_as]
                url = "http://as.example:8000"
                [eventlog_config]
                init_pcr = 16
                enable_eventlog = true
                [log]
                level = "debug"
                """, true);
        assertThat(config.kbs().orElseThrow().url()).isEqualTo("https://kbs.example:8080");
        assertThat(config.kbs().orElseThrow().certificatePem()).contains("-----BEGIN CERTIFICATE-----");
        assertThat(config.kbs().orElseThrow().teeKeyAlgorithm()).isEqualTo(TeeKeyAlgorithm.RSA_OAEP_256);
        assertThat(config.cocoAs().orElseThrow().url()).isEqualTo("http://as.example:8000");
        assertThat(config.eventLog()).isEqualTo(new AaConfig.EventLogConfig(16, true));

        AaConfig json = AaConfig.parse("{\"token_configs\":{\"kbs\":{\"url\":\"http://k\"}}}", false);
        assertThat(json.kbs().orElseThrow().teeKeyAlgorithm()).isEqualTo(TeeKeyAlgorithm.EC_P256);
        assertThat(json.eventLog()).isEqualTo(AaConfig.EventLogConfig.DEFAULT);
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> AaConfig.parse("[token_configs.kbs]\n", true)).hasMessage("token_configs.kbs.url is required");
        assertThatThrownBy(() -> AaConfig.parse("[token_configs.kbs]\nurl = 1\n", true)).hasMessage("token_configs.kbs.url must be a string");
        assertThatThrownBy(() -> AaConfig.parse("[token_configs.kbs]\nurl = \"u\"\ntee_key_algorithm = \"RSA1_5\"\n", true))
                .hasMessageContaining("tee_key_algorithm");
        assertThatThrownBy(() -> AaConfig.parse("[eventlog_config]\ninit_pcr = -1\n", true)).hasMessageContaining("init_pcr");
        assertThatThrownBy(() -> AaConfig.parse("[eventlog_config]\nenable_eventlog = \"yes\"\n", true)).hasMessageContaining("enable_eventlog");
        assertThatThrownBy(() -> AaConfig.parse("x = ", true)).hasMessageContaining("not valid TOML");
    }

    @Test
    void kbcParamsFromTheEnvironmentOrTheKernelCommandLine() throws Exception {
        assertThat(AaConfig.fromEnvironment(Map.of("AA_KBC_PARAMS", "cc_kbc::http://10.0.0.1:8080"), Optional.empty())
                .kbs().orElseThrow().url()).isEqualTo("http://10.0.0.1:8080");
        assertThat(AaConfig.fromEnvironment(Map.of(), Optional.of("quiet agent.aa_kbc_params=cc_kbc::http://kbs:80 console=ttyS0"))
                .kbs().orElseThrow().url()).isEqualTo("http://kbs:80");
        assertThat(AaConfig.fromEnvironment(Map.of("AA_KBC_PARAMS", "offline_fs_kbc::null"), Optional.empty()).kbs()).isEmpty();
        assertThat(AaConfig.fromEnvironment(Map.of(), Optional.empty()).kbs()).isEmpty();
        assertThatThrownBy(() -> AaConfig.fromEnvironment(Map.of("AA_KBC_PARAMS", "cc_kbc"), Optional.empty())).hasMessageContaining("<kbc>::<url>");
    }
}
