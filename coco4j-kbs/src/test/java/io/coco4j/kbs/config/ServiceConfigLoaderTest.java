package io.coco4j.kbs.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration files of {@code coco4j as serve} and {@code coco4j rvps serve}. */
class ServiceConfigLoaderTest {

    private static InetSocketAddress loopback(int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
    }

    @Test
    void anEmptyAsFileMeansTheDefaults() throws Exception {
        LoadedServiceConfig<AttestationServerConfig> loaded = ServiceConfigLoader.parseAttestationServer("", ConfigFormat.TOML);
        assertThat(loaded.config()).isEqualTo(AttestationServerConfig.defaults());
        assertThat(loaded.config().httpServer().sockets()).containsExactly(loopback(8000));
        assertThat(loaded.config().grpc().listen()).isEqualTo(loopback(50004));
        assertThat(loaded.notices()).isEmpty();
    }

    @Test
    void theReferenceAsJsonLayoutWithCoco4jListeners() throws Exception {
        String json = """
                {
                  "work_dir": "/var/lib/coco4j-as",
                  "storage_backend": {"storage_type": "LocalFs", "backends": {"local_fs": {"dir_path": "/var/lib/as"}}},
                  "rvps_config": {"type": "GrpcRemote", "address": "http://rvps:50003"},
                  "attestation_token_broker": {"duration_min": 10, "issuer_name": "my-as",
                                               "signer": {"key_path": "/etc/as/token.key", "cert_path": "/etc/as/token.crt"}},
                  "verifier_config": {"snp_verifier": {"vcek_sources": [{"type": "OfflineStore", "path": "/vcek"}]},
                                      "se_verifier": {}},
                  "http_server": {"sockets": ["0.0.0.0:8080"], "insecure_http": true},
                  "grpc": {"listen": "0.0.0.0:50004"},
                  "admin": {"authorization_mode": "DenyAll"}
                }
                """;
        LoadedServiceConfig<AttestationServerConfig> loaded = ServiceConfigLoader.parseAttestationServer(json, ConfigFormat.JSON);
        AttestationServerConfig config = loaded.config();
        assertThat(config.workDir()).contains(Path.of("/var/lib/coco4j-as"));
        assertThat(config.storageBackend().orElseThrow().storageType()).isEqualTo(StorageType.LOCAL_FS);
        assertThat(config.rvpsConfig()).isEqualTo(new RvpsConfig.GrpcRemote("http://rvps:50003"));
        assertThat(config.tokenBroker().durationMinutes()).isEqualTo(10);
        assertThat(config.tokenBroker().signer().orElseThrow().certPath()).contains(Path.of("/etc/as/token.crt"));
        assertThat(config.verifierConfig().orElseThrow().has("snp_verifier")).isTrue();
        assertThat(config.httpServer().insecureHttp()).isTrue();
        assertThat(config.grpc().listen().getPort()).isEqualTo(50004);
        assertThat(config.admin()).contains(AdminConfig.denyAll());
        assertThat(loaded.notices()).extracting(ConfigNotice::path).containsExactly("verifier_config.se_verifier");
    }

    @Test
    void asMistakesNameTheirKey() {
        assertThatThrownBy(() -> ServiceConfigLoader.parseAttestationServer("[http_server]\n[kbs]\n", ConfigFormat.TOML))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.path()).isEqualTo("kbs"));
        assertThatThrownBy(() -> ServiceConfigLoader.parseAttestationServer("[grpc]\nlisten = \"somewhere\"\n", ConfigFormat.TOML))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.path()).isEqualTo("grpc.listen"));
        assertThatThrownBy(() -> ServiceConfigLoader.parseAttestationServer("[rvps_config]\ntype = \"Elsewhere\"\n", ConfigFormat.TOML))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.path()).isEqualTo("rvps_config.type"));
        assertThatThrownBy(() -> ServiceConfigLoader.parseAttestationServer("[attestation_token_broker]\nduration_min = 0\n",
                ConfigFormat.TOML)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.path()).isEqualTo("attestation_token_broker.duration_min"));
    }

    @Test
    void anRvpsFileHoldsTheBuiltInKeysAtTheTop() throws Exception {
        String toml = """
                store = "postgres"
                enable_sample = true
                trusted_layout_keys = ["/etc/rvps/alice.pub"]
                storage = { storage_type = "LocalJson" }
                [postgres]
                url = "jdbc:postgresql://db:5432/rvps"
                username = "rvps"
                [grpc]
                listen = "0.0.0.0:50003"
                [http_server]
                sockets = ["0.0.0.0:8001"]
                """;
        LoadedServiceConfig<ReferenceValueServerConfig> loaded = ServiceConfigLoader.parseReferenceValueServer(toml, ConfigFormat.TOML);
        ReferenceValueServerConfig config = loaded.config();
        assertThat(config.rvps().store()).isInstanceOf(RvpsConfig.Store.Postgres.class);
        assertThat(config.rvps().enableSample()).isTrue();
        assertThat(config.rvps().trustedLayoutKeys()).containsExactly(Path.of("/etc/rvps/alice.pub"));
        assertThat(config.grpc().listen().getPort()).isEqualTo(50003);
        assertThat(config.grpc().listen().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(config.httpServer().sockets().get(0).getPort()).isEqualTo(8001);
        assertThat(config.admin()).isEmpty();
        assertThat(loaded.notices()).extracting(ConfigNotice::path).containsExactly("storage");

        ReferenceValueServerConfig defaults = ServiceConfigLoader.parseReferenceValueServer("", ConfigFormat.TOML).config();
        assertThat(defaults.grpc().listen()).isEqualTo(loopback(50003));
        assertThat(defaults.httpServer().sockets()).containsExactly(loopback(8001));
        assertThat(defaults.rvps().store()).isEqualTo(new RvpsConfig.Store.Sqlite(Optional.empty()));
        assertThatThrownBy(() -> ServiceConfigLoader.parseReferenceValueServer("type = \"GrpcRemote\"\n", ConfigFormat.TOML))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.path()).isEqualTo("type"));
        assertThatThrownBy(() -> ServiceConfigLoader.parseReferenceValueServer("[grpc]\ntls_key = \"/k\"\n", ConfigFormat.TOML))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.path()).isEqualTo("grpc"));
        assertThat(config.httpServer().insecureHttp()).isFalse();
    }
}
