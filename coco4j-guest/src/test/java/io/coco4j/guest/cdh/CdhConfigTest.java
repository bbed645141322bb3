package io.coco4j.guest.cdh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CdhConfigTest {

    @TempDir
    Path dir;

    @Test
    void referenceKeys() throws Exception {
        CdhConfig config = CdhConfig.parse("""
                socket = "unix:///tmp/cdh.sock"
                skip_sealed_secret_verification = true
                [kbc]
                name = "cc_kbc"
                url = "http://kbs:8080"
                kbs_cert = "PEM"
                [aa]
                aa_socket = "unix:///tmp/aa.sock"
                [[credentials]]
                resource_uri = "kbs:///default/aws/credential"
                path = "/run/confidential-containers/cdh/kbs/kms-credential/aws/credential.json"
                [image]
                max_concurrent_layer_downloads_per_image = 3
                """, true);
        assertThat(config.socket()).isEqualTo("unix:///tmp/cdh.sock");
        assertThat(config.skipSealedSecretVerification()).isTrue();
        assertThat(config.kbc()).isEqualTo(new CdhConfig.Kbc("cc_kbc", "http://kbs:8080", Optional.of("PEM")));
        assertThat(config.aaSocket()).isEqualTo("unix:///tmp/aa.sock");
        assertThat(config.credentials()).containsExactly(new CdhConfig.Credential("kbs:///default/aws/credential",
                Path.of("/run/confidential-containers/cdh/kbs/kms-credential/aws/credential.json")));
        assertThat(config.hasImageSettings()).isTrue();

        CdhConfig defaults = CdhConfig.parse("[kbc]\nname = \"offline_fs_kbc\"\n", true);
        assertThat(defaults.socket()).isEqualTo(CdhConfig.DEFAULT_SOCKET);
        assertThat(defaults.aaSocket()).isEqualTo(CdhConfig.DEFAULT_AA_SOCKET);
        assertThat(defaults.kbc().url()).isEmpty();
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> CdhConfig.parse("socket = \"x\"\n", true)).hasMessageContaining("[kbc] is required");
        assertThatThrownBy(() -> CdhConfig.parse("[kbc]\nname = \"eaa_kbc\"\n", true)).hasMessageContaining("'eaa_kbc' is not supported");
        String credential = "[kbc]\nname = \"cc_kbc\"\n[[credentials]]\nresource_uri = \"kbs:///a/b/c\"\npath = \"%s\"\n";
        assertThatThrownBy(() -> CdhConfig.parse(credential.formatted("/etc/shadow"), true)).hasMessageContaining("must be below");
        assertThatThrownBy(() -> CdhConfig.parse(credential.formatted("/run/confidential-containers/cdh/kbs/../../../etc/x"), true))
                .hasMessageContaining(". or ..");
        assertThatThrownBy(() -> CdhConfig.parse(credential.formatted("/run/confidential-containers/cdh/kbs"), true)).hasMessageContaining("must be below");
    }

    @Test
    void withoutAFileTheEnvironmentDecides() throws Exception {
        Path absent = dir.resolve("none.conf");
        assertThat(CdhConfig.fromEnvironment(Map.of("AA_KBC_PARAMS", "cc_kbc::http://kbs"), Optional.empty(), absent).kbc())
                .isEqualTo(new CdhConfig.Kbc("cc_kbc", "http://kbs", Optional.empty()));
        assertThat(CdhConfig.fromEnvironment(Map.of(), Optional.empty(), absent).kbc().name()).isEqualTo("offline_fs_kbc");
        Path file = dir.resolve("cdh.conf");
        Files.writeString(file, "[kbc]\nname = \"cc_kbc\"\nurl = \"http://from-file\"\n");
        assertThat(CdhConfig.fromEnvironment(Map.of("AA_KBC_PARAMS", "cc_kbc::http://kbs"), Optional.empty(), file).kbc().url())
                .isEqualTo("http://from-file");
    }
}
