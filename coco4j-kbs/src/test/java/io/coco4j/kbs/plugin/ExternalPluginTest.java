package io.coco4j.kbs.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.grpc.GrpcListener;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.PluginConfig;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The external plugin against a real gRPC back-end on a loopback port. */
class ExternalPluginTest {

    private static final String ALLOW_EXTERNAL = """
            package policy
            import rego.v1
            default allow := false
            allow if {
                data.plugin == "external"
                data["resource-path"][0] == "echo"
                input.submods.cpu0["ear.veraison.annotated-evidence"].sample
            }
            """;

    @TempDir
    Path dir;

    private final RecordingBackend backend = new RecordingBackend();
    private GrpcListener listener;
    private TestKbs kbs;

    static PluginConfig external(String name, String endpoint) {
        ObjectNode settings = Json.mapper().createObjectNode();
        settings.putArray("backends").addObject().put("name", name).put("endpoint", endpoint).put("tls_mode", "insecure").put("timeout_ms", 5000);
        return new PluginConfig("external", settings);
    }

    static KbsConfig withPlugins(KbsConfig defaults, List<PluginConfig> plugins) {
        return new KbsConfig(defaults.httpServer(), defaults.attestationToken(), defaults.attestationService(), defaults.admin(),
                defaults.storageBackend(), plugins, defaults.sessionStorageType());
    }

    @BeforeEach
    void start() throws Exception {
        listener = GrpcListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).service(backend.definition()).start();
        DataDirectory data = new DataDirectory(dir);
        KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        KbsConfig config = withPlugins(defaults, List.of(PluginConfig.kvStorageResource(), external("echo", "127.0.0.1:" + listener.port())));
        kbs = TestKbs.start(config, data, ServerMode.DEVELOPMENT, false);
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
        listener.close();
    }

    private void allowExternal() throws Exception {
        String body = "{\"policy\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(ALLOW_EXTERNAL.getBytes(StandardCharsets.UTF_8)) + "\"}";
        HttpResponse<byte[]> set = kbs.post("/kbs/v0/resource-policy", body, "Authorization", "Bearer " + kbs.adminToken());
        assertThat(set.statusCode()).as(new String(set.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    private TestKbs.Guest attestedGuest() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.handshake();
        return guest;
    }

    @Test
    void aPolicyGatedRequestIsForwardedAndItsAnswerReachesTheGuestEncrypted() throws Exception {
        TestKbs.Guest guest = attestedGuest();
        HttpResponse<byte[]> denied = kbs.send("GET", "/kbs/v0/external/echo/secret/key?x=1", null, "Cookie", guest.cookie);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(new String(denied.body(), StandardCharsets.UTF_8)).contains("PolicyDeny");
        assertThat(backend.handled).isEmpty();

        allowExternal();
        HttpResponse<byte[]> response = kbs.send("GET", "/kbs/v0/external/echo/secret/key?x=1", null, "Cookie", guest.cookie);
        assertThat(response.statusCode()).isEqualTo(200);
        JweResponse jwe = Json.mapper().readValue(response.body(), JweResponse.class);
        byte[] plain = ResourceDecryptor.decrypt(jwe, guest.key);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("GET secret/key {x=1} ");
        assertThat(backend.handled).singleElement().satisfies(r -> {
            assertThat(r.getPathList()).containsExactly("secret", "key");
            assertThat(r.getQueryMap()).containsEntry("x", "1");
        });
    }

    @Test
    void theBackendMayAnswerInTheClear() throws Exception {
        TestKbs.Guest guest = attestedGuest();
        allowExternal();
        HttpResponse<byte[]> response = kbs.send("GET", "/kbs/v0/external/echo/public/status", null, "Cookie", guest.cookie);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("GET public/status {} ");
    }

    @Test
    void anAdminPathNeedsAnAdministrator() throws Exception {
        HttpResponse<byte[]> anonymous = kbs.send("POST", "/kbs/v0/external/echo/admin/provision", "v".getBytes(StandardCharsets.UTF_8));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(backend.handled).isEmpty();
        HttpResponse<byte[]> admin = kbs.send("POST", "/kbs/v0/external/echo/admin/provision", "v".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + kbs.adminToken());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(new String(admin.body(), StandardCharsets.UTF_8)).isEqualTo("POST admin/provision {} v");
    }

    @Test
    void aBackendErrorStatusIsAPluginError() throws Exception {
        TestKbs.Guest guest = attestedGuest();
        allowExternal();
        HttpResponse<byte[]> response = kbs.send("GET", "/kbs/v0/external/echo/fail", null, "Cookie", guest.cookie);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("PluginInternalError").contains("403");
    }

    @Test
    void anUnknownBackendIsNotFound() throws Exception {
        HttpResponse<byte[]> response = kbs.send("GET", "/kbs/v0/external/nobody/x", null);
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableBackendIsAPluginErrorNotAHang() throws Exception {
        listener.close();
        HttpResponse<byte[]> response = kbs.send("GET", "/kbs/v0/external/echo/x", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("PluginInternalError");
    }

    @Test
    void aBadBackendEntryStopsStartUp() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("other"));
        KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ObjectNode settings = Json.mapper().createObjectNode();
        settings.putArray("backends").addObject().put("name", "x").put("endpoint", "127.0.0.1:1").put("tls_mode", "plaintext");
        KbsConfig config = withPlugins(defaults, List.of(new PluginConfig("external", settings)));
        assertThatThrownBy(() -> KbsServer.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of())))
                .isInstanceOf(StartupException.class).hasMessageContaining("tls_mode");
    }
}
