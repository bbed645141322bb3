package io.coco4j.kbs.config;

import io.coco4j.protocol.pkcs11.Pkcs11Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys of replicated deployments: SQL storage, Redis sessions, PKCS#11 keys, the audit log. */
class DeploymentConfigTest {

    private static final String MINIMAL = "[http_server]\n[admin]\nauthorization_mode = \"DenyAll\"\n";

    private static LoadedKbsConfig toml(String text) throws ConfigException {
        return KbsConfigLoader.parse(text, ConfigFormat.TOML);
    }

    private static ConfigException failure(String text) {
        try {
            toml(text);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("configuration was accepted:\n" + text);
    }

    @Test
    void aReplicatedDeploymentParsesWithoutNotices() throws Exception {
        LoadedKbsConfig loaded = toml("""
                session_storage_type = "redis"
                """ + MINIMAL + """
                [attestation_service.attestation_token_broker.signer]
                cert_path = "/etc/coco4j/signer-chain.pem"
                pkcs11 = { library = "/usr/lib/softhsm/libsofthsm2.so", slot = 1234, pin_file = "/run/secrets/hsm-pin", key_label = "ear-signer" }

                [storage_backend]
                storage_type = "Postgres"
                [storage_backend.backends.postgres]
                url = "postgres://kbs@db.internal:5432/kbs?sslmode=require"
                password = "not-a-real-password"
                [storage_backend.backends.redis]
                url = "rediss://cache.internal:6380"
                [storage_backend.encryption]
                pkcs11 = { library = "/usr/lib/softhsm/libsofthsm2.so", slot_list_index = 0, pin = "1234", key_label = "kbs-resources" }
                namespaces = ["repository", "kbs"]

                [audit]
                checkpoint_records = 50
                checkpoint_seconds = 30
                """);
        KbsConfig config = loaded.config();
        assertThat(loaded.notices()).isEmpty();
        assertThat(config.effectiveSessionStorageType()).isEqualTo(StorageType.REDIS);
        assertThat(config.storageBackend().storageType()).isEqualTo(StorageType.POSTGRES);
        StorageBackendConfig.Postgres postgres = config.storageBackend().backends().postgres().orElseThrow();
        assertThat(postgres.url()).contains("postgres://kbs@db.internal:5432/kbs?sslmode=require");
        assertThat(postgres.toString()).doesNotContain("not-a-real-password").doesNotContain("db.internal:5432/kbs");
        assertThat(config.storageBackend().backends().redis().orElseThrow().url()).isEqualTo("rediss://cache.internal:6380");

        TokenSignerConfig signer = config.attestationService().tokenBroker().signer().orElseThrow();
        assertThat(signer.keyPath()).isEmpty();
        assertThat(signer.certPath()).contains(Path.of("/etc/coco4j/signer-chain.pem"));
        Pkcs11KeyConfig hsm = signer.pkcs11().orElseThrow();
        assertThat(hsm.keyLabel()).isEqualTo("ear-signer");
        assertThat(hsm.token()).isEqualTo(new Pkcs11Settings(Path.of("/usr/lib/softhsm/libsofthsm2.so"), Optional.of(1234L),
                Optional.empty(), Optional.empty(), Optional.of(Path.of("/run/secrets/hsm-pin"))));

        StorageBackendConfig.Encryption encryption = config.storageBackend().encryption().orElseThrow();
        assertThat(encryption.namespaces()).containsExactly("repository", "kbs");
        assertThat(encryption.pkcs11().keyLabel()).isEqualTo("kbs-resources");
        assertThat(encryption.pkcs11().token().slotListIndex()).contains(0);
        assertThat(encryption.pkcs11().token().toString()).doesNotContain("1234\"").contains("<redacted>");

        assertThat(config.audit()).isEqualTo(new AuditConfig(true, 50, 30));
    }

    @Test
    void sqliteAndTheDefaults() throws Exception {
        KbsConfig config = toml(MINIMAL + """
                [storage_backend]
                storage_type = "Sqlite"
                [storage_backend.backends.sqlite]
                file_path = "/var/lib/coco4j/kbs.sqlite"
                """).config();
        assertThat(config.storageBackend().storageType()).isEqualTo(StorageType.SQLITE);
        assertThat(config.storageBackend().backends().sqliteOrDefault().filePath()).isEqualTo("/var/lib/coco4j/kbs.sqlite");
        assertThat(config.effectiveSessionStorageType()).isEqualTo(StorageType.SQLITE);
        assertThat(config.storageBackend().encryption()).isEmpty();
        assertThat(config.audit()).isEqualTo(AuditConfig.defaults());
        assertThat(toml(MINIMAL + "[storage_backend]\nstorage_type = \"sqlite\"\n").config().storageBackend().backends()
                .sqliteOrDefault().filePath()).isEqualTo(StorageBackendConfig.Sqlite.DEFAULT_FILE_PATH);
        assertThat(toml(MINIMAL + "[audit]\nenabled = false\n").config().audit().enabled()).isFalse();
    }

    @Test
    void mistakesNameTheirKey() {
        String signer = MINIMAL + "[attestation_service.attestation_token_broker.signer]\n";
        String pkcs11 = "{ library = \"/l.so\", pin = \"1\", key_label = \"k\" }";
        assertThat(failure(signer + "key_path = \"/k.pem\"\npkcs11 = " + pkcs11 + "\n").path())
                .isEqualTo("attestation_service.attestation_token_broker.signer.key_path");
        assertThat(failure(signer + "cert_path = \"/c.pem\"\n").getMessage()).contains("exactly one of key_path and pkcs11");
        assertThat(failure(signer + "pkcs11 = { library = \"/l.so\", pin = \"1\", pin_file = \"/p\", key_label = \"k\" }\n").path())
                .isEqualTo("attestation_service.attestation_token_broker.signer.pkcs11.pin");
        assertThat(failure(signer + "pkcs11 = { library = \"/l.so\", slot = 1, slot_list_index = 0, pin = \"1\", key_label = \"k\" }\n").path())
                .isEqualTo("attestation_service.attestation_token_broker.signer.pkcs11.slot");
        assertThat(failure(signer + "pkcs11 = { library = \"/l.so\", pin = \"1\" }\n").path())
                .isEqualTo("attestation_service.attestation_token_broker.signer.pkcs11.key_label");
        assertThat(failure(signer + "pkcs11 = { library = \"/l.so\", pin = \"1\", key_label = \"k\", token = \"x\" }\n").path())
                .isEqualTo("attestation_service.attestation_token_broker.signer.pkcs11.token");
        assertThat(failure(MINIMAL + "[storage_backend.backends.redis]\nurl = \"http://cache:6379\"\n").path())
                .isEqualTo("storage_backend.backends.redis.url");
        assertThat(failure(MINIMAL + "[storage_backend.backends.postgres]\nurl = \"mysql://db/kbs\"\n").path())
                .isEqualTo("storage_backend.backends.postgres.url");
        assertThat(failure(MINIMAL + "[storage_backend.encryption]\npkcs11 = " + pkcs11 + "\nnamespaces = [\"kbs_protocol_session\"]\n").path())
                .isEqualTo("storage_backend.encryption.namespaces");
        assertThat(failure(MINIMAL + "[storage_backend.encryption]\npkcs11 = " + pkcs11 + "\nnamespaces = []\n").path())
                .isEqualTo("storage_backend.encryption.namespaces");
        assertThat(failure(MINIMAL + "[audit]\ncheckpoint_records = 0\n").path()).isEqualTo("audit.checkpoint_records");
        assertThat(failure(MINIMAL + "[audit]\nsign_every = 3\n").path()).isEqualTo("audit.sign_every");
        assertThat(failure(MINIMAL + "[storage_backend.backends.sqlite]\npath = \"/x\"\n").path())
                .isEqualTo("storage_backend.backends.sqlite.path");
    }

    @Test
    void theReferenceRedisStorageTypeIsReportedNotSupported() throws Exception {
        LoadedKbsConfig loaded = toml(MINIMAL + "[storage_backend]\nstorage_type = \"Redis\"\n");
        assertThat(loaded.notices()).extracting(ConfigNotice::path).containsExactly("storage_backend.storage_type");
        assertThat(List.of(StorageType.values())).contains(StorageType.SQLITE);
    }
}
