package io.coco4j.cli.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.coco4j.cli.Main;
import io.coco4j.grpc.GrpcListener;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.plugin.external.KbsPluginBackend;
import io.coco4j.kbs.plugin.external.proto.PluginRequest;
import io.coco4j.kbs.plugin.external.proto.PluginResponse;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code coco4j get-resource kbs+external:///vault/...} against a development KBS whose external
 * plugin forwards to a gRPC back-end on a loopback port: the request reaches the back-end only once
 * the resource policy allows it, and the answer reaches the guest encrypted to its TEE key.
 */
class ExternalPluginEndToEndTest {

    @TempDir
    Path dir;

    /** A back-end holding one secret per path; every answer is a secret. */
    static final class SecretBackend implements KbsPluginBackend {
        final List<PluginRequest> received = new CopyOnWriteArrayList<>();

        @Override
        public PluginResponse handle(PluginRequest request) {
            received.add(request);
            return PluginResponse.newBuilder().setBody(ByteString.copyFromUtf8("secret for " + String.join("/", request.getPathList()))).build();
        }

        @Override
        public boolean requiresAdminAuth(PluginRequest request) {
            return false;
        }

        @Override
        public boolean needsEncryption(PluginRequest request) {
            return true;
        }
    }

    private static int run(StringWriter err, String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aGuestFetchesAnExternalPluginResourceThroughGetResource() throws Exception {
        SecretBackend backend = new SecretBackend();
        try (GrpcListener listener = GrpcListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).service(backend.definition()).start()) {
            Path dataDir = dir.resolve("data");
            DataDirectory data = new DataDirectory(dataDir);
            KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ObjectNode settings = Json.mapper().createObjectNode();
            settings.putArray("backends").addObject().put("name", "vault").put("endpoint", "127.0.0.1:" + listener.port()).put("tls_mode", "insecure");
            KbsConfig config = new KbsConfig(defaults.httpServer(), defaults.attestationToken(), defaults.attestationService(), defaults.admin(),
                    defaults.storageBackend(), List.of(PluginConfig.kvStorageResource(), new PluginConfig("external", settings)), defaults.sessionStorageType());
            try (KbsServer kbs = KbsServer.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of()))) {
                String url = kbs.baseUrls().get(0).toString();
                Path out = dir.resolve("out.bin");

                StringWriter denied = new StringWriter();
                assertThat(run(denied, "get-resource", "--url", url, "--attester", "sample", "--output", out.toString(),
                        "kbs+external:///vault/db/password")).isNotZero();
                assertThat(backend.received).as("the policy gates the request before it is forwarded").isEmpty();

                Path policy = dir.resolve("policy.rego");
                Files.writeString(policy, """
                        package policy
                        import rego.v1
                        default allow := false
                        allow if {
                            data.plugin == "external"
                            data["resource-path"][0] == "vault"
                            input.submods.cpu0["ear.veraison.annotated-evidence"].sample.svn == "1"
                        }
                        """);
                StringWriter err = new StringWriter();
                assertThat(run(err, "admin", "set-resource-policy", "--url", url, "--data-dir", dataDir.toString(),
                        "--policy-file", policy.toString())).as(err.toString()).isZero();

                StringWriter getErr = new StringWriter();
                assertThat(run(getErr, "get-resource", "--url", url, "--attester", "sample", "--output", out.toString(),
                        "kbs+external:///vault/db/password")).as(getErr.toString()).isZero();
                assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("secret for db/password");
                assertThat(backend.received).singleElement().satisfies(r -> {
                    assertThat(r.getMethod()).isEqualTo("GET");
                    assertThat(r.getPathList()).containsExactly("db", "password");
                });
            }
        }
    }
}
