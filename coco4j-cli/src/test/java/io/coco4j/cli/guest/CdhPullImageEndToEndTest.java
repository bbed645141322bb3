package io.coco4j.cli.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.coco4j.guest.attester.Attesters;
import io.coco4j.guest.cdh.ConfidentialDataHubService;
import io.coco4j.guest.cdh.api.ImagePullRequest;
import io.coco4j.guest.cdh.keyprovider.api.KeyProviderKeyWrapProtocolInput;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.image.oci.OciLayout;
import io.coco4j.image.testing.TestImages;
import io.coco4j.image.testing.TestRegistry;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.json.Json;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guest pulls an encrypted image: {@code coco4j image encrypt} → {@code skopeo copy} into a real
 * distribution registry → {@code coco4j cdh} {@code PullImage} over ttRPC, with the layer KEK
 * released by a dev KBS to the attestation agent's token (sample TEE); and {@code UnWrapKey} as
 * image-rs calls it.
 */
class CdhPullImageEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private TestKbs kbs;
    private TestRegistry registry;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final byte[] binary = TestImages.random(300_000, 41);
    private byte[] kek;

    @BeforeEach
    void start() throws Exception {
        registry = TestRegistry.start(dir.resolve("registry"));
        kbs = TestKbs.start(dir.resolve("kbs"), ServerMode.DEVELOPMENT);
        kek = TestImages.random(32, 42);
        kbs.setResource("default/image-kek/cdh", kek);
        Path kekFile = dir.resolve("kek.bin");
        Files.write(kekFile, kek);
        TestImages.write(dir.resolve("plain"), "v1", List.of(
                List.of(TestImages.File.text("etc/motd", "from the registry"), new TestImages.File("usr/bin/app", binary)),
                List.of(TestImages.File.text("etc/release", "v1"))));
        GuestDaemonsEndToEndTest.Run encrypt = GuestDaemonsEndToEndTest.run("image", "encrypt", "--key-id", "kbs:///default/image-kek/cdh",
                "--kek", kekFile.toString(), dir.resolve("plain") + ":v1", dir.resolve("enc") + ":v1");
        assertThat(encrypt.exitCode()).as(encrypt.err()).isZero();
        registry.push(dir.resolve("enc"), "v1", "coco/secret-app:v1");

        Path aaConfig = dir.resolve("aa.toml");
        Files.writeString(aaConfig, "[token_configs.kbs]\nurl = \"" + kbs.url + "\"\n");
        AaCommand aa = new AaCommand();
        CommandLine aaLine = new CommandLine(aa);
        aaLine.setErr(new PrintWriter(new StringWriter(), true));
        aaLine.parseArgs("-a", "unix://" + dir.resolve("aa.sock"), "-c", aaConfig.toString(), "--attester", "sample");
        started.add(aa.start(Map.of("AAEL_PATH", dir.resolve("aael").toString()), Attesters.Platform.system()));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        if (kbs != null) {
            kbs.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private RpcClient cdh() throws Exception {
        Path config = dir.resolve("cdh.toml");
        Files.writeString(config, "socket = \"unix://" + dir.resolve("cdh.sock") + "\"\n[kbc]\nname = \"cc_kbc\"\nurl = \"" + kbs.url
                + "\"\n[aa]\naa_socket = \"unix://" + dir.resolve("aa.sock") + "\"\n");
        CdhCommand command = new CdhCommand();
        CommandLine line = new CommandLine(command);
        line.setErr(new PrintWriter(new StringWriter(), true));
        line.parseArgs("-c", config.toString());
        DaemonLifetime daemon = command.start(Map.of(), dir);
        started.add(daemon);
        RpcClient client = RpcClient.connect(daemon.addresses().get(0));
        started.add(client);
        return client;
    }

    private String pull(RpcClient hub, Path bundle) throws Exception {
        return hub.call(ConfidentialDataHubService.PULL_IMAGE, ImagePullRequest.newBuilder()
                .setImageUrl(registry.address + "/coco/secret-app:v1").setBundlePath(bundle.toString()).build(), TIMEOUT).getManifestDigest();
    }

    @Test
    void pullImageAttestsDecryptsAndUnpacks() throws Exception {
        RpcClient hub = cdh();
        Path bundle = dir.resolve("bundle");
        String digest = pull(hub, bundle);
        assertThat(digest).startsWith("sha256:");
        assertThat(Files.readString(bundle.resolve("rootfs/etc/motd"))).isEqualTo("from the registry");
        assertThat(Files.readString(bundle.resolve("rootfs/etc/release"))).isEqualTo("v1");
        assertThat(Files.readAllBytes(bundle.resolve("rootfs/usr/bin/app"))).isEqualTo(binary);
    }

    @Test
    void unwrapKeyAnswersAsImageRsExpects() throws Exception {
        RpcClient hub = cdh();
        OciLayout enc = OciLayout.open(dir.resolve("enc"));
        String annotation = enc.manifest(enc.resolve("v1")).layers().get(0).annotation("org.opencontainers.image.enc.keys.provider.attestation-agent");
        String request = "{\"op\":\"keyunwrap\",\"keywrapparams\":{\"ec\":null,\"optsdata\":null},\"keyunwrapparams\":{\"dc\":null,"
                + "\"annotation\":\"" + annotation + "\"}}";
        byte[] answer = hub.call(ConfidentialDataHubService.UNWRAP_KEY, KeyProviderKeyWrapProtocolInput.newBuilder()
                .setKeyProviderKeyWrapProtocolInput(ByteString.copyFrom(request, StandardCharsets.UTF_8)).build(), TIMEOUT)
                .getKeyProviderKeyWrapProtocolOutput().toByteArray();
        JsonNode optsData = Json.readTree(answer).at("/keyunwrapresults/optsdata");
        assertThat(optsData.isArray()).isTrue();
        byte[] bytes = new byte[optsData.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) optsData.get(i).asInt();
        }
        assertThat(Json.readTree(bytes).get("digest").asText()).isEqualTo(TestImages.layers(dir.resolve("plain"), "v1").get(0).digest().toString());

        assertThatThrownBy(() -> hub.call(ConfidentialDataHubService.UNWRAP_KEY, KeyProviderKeyWrapProtocolInput.newBuilder()
                .setKeyProviderKeyWrapProtocolInput(ByteString.copyFromUtf8("{\"op\":\"keyunwrap\"}")).build(), TIMEOUT))
                .isInstanceOfSatisfying(RpcStatusException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void aDenyingPolicyFailsThePullAndLeavesNoRootfs() throws Exception {
        String deny = Base64.getUrlEncoder().withoutPadding().encodeToString("package policy\nimport rego.v1\ndefault allow := false\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + deny + "\"}", "Authorization", "Bearer " + kbs.adminToken())
                .statusCode()).isEqualTo(200);
        RpcClient hub = cdh();
        Path bundle = dir.resolve("bundle");
        assertThatThrownBy(() -> pull(hub, bundle)).isInstanceOfSatisfying(RpcStatusException.class, e -> {
            assertThat(e.code()).isEqualTo(Status.Code.INTERNAL);
            assertThat(e.getMessage()).contains("key not released: policy denied");
        });
        assertThat(bundle.resolve("rootfs")).doesNotExist();
    }
}
