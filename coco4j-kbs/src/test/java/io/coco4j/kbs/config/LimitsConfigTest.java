package io.coco4j.kbs.config;

import io.coco4j.protocol.tee.Tee;
import io.coco4j.rego.Limits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code [limits]}: every key, its defaults, and the errors for what is not a limit. */
class LimitsConfigTest {

    private static final String MINIMAL = "[http_server]\n[admin]\nauthorization_mode = \"DenyAll\"\n";

    private static LimitsConfig limits(String table) throws ConfigException {
        return KbsConfigLoader.parse(MINIMAL + table, ConfigFormat.TOML).config().limits();
    }

    @Test
    void withoutTheSectionEveryLimitHasItsDefault() throws Exception {
        LimitsConfig limits = limits("");
        assertThat(limits).isEqualTo(LimitsConfig.defaults());
        assertThat(limits.maxSessions()).isEqualTo(100_000);
        assertThat(limits.rateLimited(false)).as("on in production").isTrue();
        assertThat(limits.rateLimited(true)).as("off under --dev").isFalse();
        assertThat(limits.rateLimitPerMinute()).isEqualTo(1200);
        assertThat(limits.rateLimitBurst()).isEqualTo(100);
        assertThat(limits.requestHeaderSizeBytes()).isEqualTo(256 * 1024);
        assertThat(limits.maxEvidenceSize()).containsEntry(Tee.SNP, 256L * 1024).containsEntry(Tee.TDX, 4L * 1024 * 1024)
                .containsEntry(Tee.NVIDIA, 1024L * 1024).hasSize(Tee.values().length);
        Limits policy = limits.policyLimits();
        assertThat(policy.maxSteps()).isEqualTo(50_000_000L);
        assertThat(policy.maxDepth()).isEqualTo(1000);
        assertThat(policy.timeLimit()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        LimitsConfig limits = limits("""
                [limits]
                max_sessions = 50
                rate_limit = false
                rate_limit_per_minute = 30
                rate_limit_burst = 5
                request_header_size = 64
                policy_max_steps = 100000
                policy_max_depth = 50
                policy_timeout_ms = 250
                [limits.max_evidence_size]
                snp = 65536
                sampledevice = 2048
                """);
        assertThat(limits.maxSessions()).isEqualTo(50);
        assertThat(limits.rateLimit()).isEqualTo(Optional.of(false));
        assertThat(limits.rateLimited(false)).as("explicitly off, also in production").isFalse();
        assertThat(limits.rateLimitPerMinute()).isEqualTo(30);
        assertThat(limits.rateLimitBurst()).isEqualTo(5);
        assertThat(limits.requestHeaderSizeBytes()).isEqualTo(64 * 1024);
        assertThat(limits.maxEvidenceSize()).containsEntry(Tee.SNP, 65536L).containsEntry(Tee.SAMPLE_DEVICE, 2048L)
                .as("a TEE not named keeps its default").containsEntry(Tee.TDX, 4L * 1024 * 1024);
        assertThat(limits.policyLimits().maxSteps()).isEqualTo(100_000);
        assertThat(limits.policyLimits().maxDepth()).isEqualTo(50);
        assertThat(limits.policyLimits().timeLimit()).isEqualTo(Duration.ofMillis(250));
        assertThat(limits("[limits]\nrate_limit = true\n").rateLimited(true)).as("explicitly on, also under --dev").isTrue();
    }

    @Test
    void anUnknownKeyFailsStartUp() {
        assertThatThrownBy(() -> limits("[limits]\nmax_session = 5\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.max_session").hasMessageContaining("unknown configuration key")
                .hasMessageContaining("max_sessions");
    }

    @Test
    void anUnknownTeeNameFailsStartUp() {
        assertThatThrownBy(() -> limits("[limits.max_evidence_size]\nquantum = 4096\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.max_evidence_size.quantum").hasMessageContaining("not a TEE name");
    }

    @Test
    void valuesOutOfRangeOrOfTheWrongTypeFailStartUp() {
        assertThatThrownBy(() -> limits("[limits]\nmax_sessions = 0\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.max_sessions").hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> limits("[limits]\nrequest_header_size = 4\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.request_header_size").hasMessageContaining("between 8 and");
        assertThatThrownBy(() -> limits("[limits]\nrate_limit = \"yes\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.rate_limit").hasMessageContaining("boolean");
        assertThatThrownBy(() -> limits("[limits.max_evidence_size]\nsnp = 10\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.max_evidence_size.snp").hasMessageContaining("between 1024 and");
        assertThatThrownBy(() -> limits("[limits]\npolicy_timeout_ms = 1.5\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.policy_timeout_ms").hasMessageContaining("integer");
    }
}
