package io.coco4j.kbs.plugin;

import io.coco4j.protocol.testing.TestSoftHsm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.plugin.pkcs11.Pkcs11Plugin;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.StartupException;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pkcs11 plugin against a real SoftHSM2 token through the JDK's SunPKCS11 provider. */
class Pkcs11PluginTest {

    private static final String ALLOW_PKCS11 = """
            package policy
            import rego.v1
            default allow := false
            allow if data.plugin == "pkcs11"
            """;

    @TempDir
    Path dir;

    private static PluginConfig pkcs11(String pin) {
        TestSoftHsm.Token token = TestSoftHsm.token();
        ObjectNode settings = Json.mapper().createObjectNode().put("module", token.library()).put("slot_index", 0).put("pin", pin);
        return new PluginConfig("pkcs11", settings);
    }

    private TestKbs start(Path data) throws Exception {
        DataDirectory directory = new DataDirectory(data);
        KbsConfig defaults = EmbeddedDefaults.create(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        KbsConfig config = ExternalPluginTest.withPlugins(defaults, List.of(PluginConfig.kvStorageResource(), pkcs11(TestSoftHsm.token().pin())));
        return TestKbs.start(config, directory, ServerMode.DEVELOPMENT, false);
    }

    @Test
    void resourcesAreSealedInTheTokenStoredAndReleasedEncryptedToAttestedGuests() throws Exception {
        byte[] secret = "a secret kept by the HSM".getBytes(StandardCharsets.UTF_8);
        try (TestKbs kbs = start(dir.resolve("data"))) {
            HttpResponse<byte[]> anonymous = kbs.send("POST", "/kbs/v0/pkcs11/resource/default/key/one", secret);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<byte[]> stored = kbs.send("POST", "/kbs/v0/pkcs11/resource/default/key/one", secret,
                    "Authorization", "Bearer " + kbs.adminToken());
            assertThat(stored.statusCode()).as(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(200);

            // only sealed bytes reach the storage
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("a secret kept");
                }
            }

            String policy = "{\"policy\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(ALLOW_PKCS11.getBytes(StandardCharsets.UTF_8)) + "\"}";
            assertThat(kbs.post("/kbs/v0/resource-policy", policy, "Authorization", "Bearer " + kbs.adminToken()).statusCode()).isEqualTo(200);
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.handshake();
            HttpResponse<byte[]> fetched = kbs.send("GET", "/kbs/v0/pkcs11/resource/default/key/one", null, "Cookie", guest.cookie);
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(ResourceDecryptor.decrypt(Json.mapper().readValue(fetched.body(), JweResponse.class), guest.key)).isEqualTo(secret);

            HttpResponse<byte[]> missing = kbs.send("GET", "/kbs/v0/pkcs11/resource/default/key/two", null, "Cookie", guest.cookie);
            assertThat(missing.statusCode()).isIn(401, 404);
            assertThat(kbs.send("DELETE", "/kbs/v0/pkcs11/resource/default/key/one", null, "Authorization", "Bearer " + kbs.adminToken())
                    .statusCode()).isEqualTo(200);
            assertThat(kbs.send("GET", "/kbs/v0/pkcs11/resource/default/key/one", null, "Cookie", guest.cookie).statusCode()).isIn(401, 404);
        }
    }

    @Test
    void aSealedResourceMovedToAnotherPathDoesNotOpen() throws Exception {
        try (TestKbs kbs = start(dir.resolve("data"))) {
            assertThat(kbs.send("POST", "/kbs/v0/pkcs11/resource/default/key/one", "x".getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + kbs.adminToken()).statusCode()).isEqualTo(200);
        }
        SqlStorage storage = SqlStorage.sqlite(new DataDirectory(dir.resolve("data")).storageDatabase());
        var namespace = storage.namespace(Pkcs11Plugin.NAMESPACE);
        namespace.put("default/key/moved", namespace.get("default/key/one").orElseThrow());
        storage.close();
        try (TestKbs kbs = start(dir.resolve("data"))) {
            String policy = "{\"policy\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(ALLOW_PKCS11.getBytes(StandardCharsets.UTF_8)) + "\"}";
            kbs.post("/kbs/v0/resource-policy", policy, "Authorization", "Bearer " + kbs.adminToken());
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.handshake();
            HttpResponse<byte[]> original = kbs.send("GET", "/kbs/v0/pkcs11/resource/default/key/one", null, "Cookie", guest.cookie);
            assertThat(original.statusCode()).as("the token key persists across restarts").isEqualTo(200);
            HttpResponse<byte[]> moved = kbs.send("GET", "/kbs/v0/pkcs11/resource/default/key/moved", null, "Cookie", guest.cookie);
            assertThat(moved.statusCode()).isEqualTo(401);
            assertThat(new String(moved.body(), StandardCharsets.UTF_8)).contains("PluginInternalError").doesNotContain("x\"");
        }
    }

    @Test
    void anUnusableModuleOrSlotStopsStartUpWithoutShowingThePin() throws Exception {
        TestSoftHsm.Token token = TestSoftHsm.token();
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ObjectNode missingModule = Json.mapper().createObjectNode().put("module", dir.resolve("nope.so").toString()).put("pin", "pin-1234");
        ObjectNode noSuchSlot = Json.mapper().createObjectNode().put("module", token.library()).put("slot_index", 7).put("pin", "pin-1234");
        for (ObjectNode settings : List.of(missingModule, noSuchSlot)) {
            KbsConfig config = ExternalPluginTest.withPlugins(defaults, List.of(new PluginConfig("pkcs11", settings)));
            assertThatThrownBy(() -> KbsServer.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of())))
                    .isInstanceOf(StartupException.class).hasMessageContaining("pkcs11").hasMessageNotContaining("pin-1234");
        }
    }
}
