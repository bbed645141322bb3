package io.coco4j.cli.e2e;

import io.coco4j.cli.Main;
import io.coco4j.cli.serve.ServeCommand;
import io.coco4j.kbs.config.HttpServerConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README flow through the real commands: {@code serve --dev}, {@code admin set-resource} with a
 * real admin token, {@code get-resource} over HTTP (and HTTPS), byte for byte.
 */
class EndToEndTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private KbsServer serve(String... args) throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.start();
    }

    private byte[] secret() {
        byte[] secret = new byte[4096];
        new Random(7).nextBytes(secret);
        return secret;
    }

    @Test
    void devServerAdminUploadAndGuestFetchAreByteIdentical() throws Exception {
        Path data = dir.resolve("data");
        try (KbsServer kbs = serve("--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString())) {
            String url = kbs.baseUrls().get(0).toString();
            Path secretFile = dir.resolve("secret.bin");
            Files.write(secretFile, secret());
            Run set = run("admin", "set-resource", "--url", url, "--data-dir", data.toString(), "kbs:///default/app/key", "--file", secretFile.toString());
            assertThat(set.exitCode()).as(set.err()).isZero();

            for (String algorithm : List.of("ECDH-ES+A256KW-P256", "ECDH-ES+A256KW-P521", "RSA-OAEP-256")) {
                Path out = dir.resolve("out-" + algorithm);
                long start = System.nanoTime();
                Run get = run("get-resource", "--url", url, "--attester", "sample", "--tee-key-algorithm", algorithm,
                        "--output", out.toString(), "kbs:///default/app/key");
                long micros = (System.nanoTime() - start) / 1000;
                assertThat(get.exitCode()).as(get.err()).isZero();
                assertThat(Files.readAllBytes(out)).as(algorithm).isEqualTo(secret());
                System.out.println("handshake + resource (" + algorithm + "): " + micros + " us");
            }
            Path bearerOut = dir.resolve("out-bearer");
            Run bearer = run("get-resource", "--url", url, "--attester", "sample", "--bearer", "--output", bearerOut.toString(),
                    "kbs:///default/app/key");
            assertThat(bearer.exitCode()).as(bearer.err()).isZero();
            assertThat(Files.readAllBytes(bearerOut)).isEqualTo(secret());

            Run delete = run("admin", "delete-resource", "--url", url, "--data-dir", data.toString(), "default/app/key");
            assertThat(delete.exitCode()).as(delete.err()).isZero();
            Run gone = run("get-resource", "--url", url, "--attester", "sample", "kbs:///default/app/key");
            assertThat(gone.exitCode()).isNotZero();
            assertThat(gone.err()).contains("not found");
        }
    }

    @Test
    void overHttpsWithThePinnedCertificate() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("tls-data"));
        KbsConfig config = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        // HTTPS with the sample TEE exists only through this test-scoped option; the command line cannot ask for it
        try (KbsServer kbs = KbsServer.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of(), true))) {
            String url = "https://127.0.0.1:" + kbs.port();
            String cert = data.tlsCertificate().toString();
            Run set = run("admin", "set-resource", "--url", url, "--data-dir", data.root().toString(), "--kbs-cert", cert,
                    "default/app/tls", "--value", "over tls");
            assertThat(set.exitCode()).as(set.err()).isZero();
            Path out = dir.resolve("tls-out");
            Run get = run("get-resource", "--url", url, "--attester", "sample", "--kbs-cert", cert, "--output", out.toString(),
                    "kbs:///default/app/tls");
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(Files.readString(out)).isEqualTo("over tls");
            Run unpinned = run("get-resource", "--url", url, "--attester", "sample", "kbs:///default/app/tls");
            assertThat(unpinned.exitCode()).as("the generated certificate is not in the JDK trust store").isNotZero();
            // another KBS's certificate pinned: the client refuses this one before sending anything
            DataDirectory other = new DataDirectory(dir.resolve("other-kbs"));
            other.tls();
            Run wrongPin = run("get-resource", "--url", url, "--attester", "sample", "--kbs-cert", other.tlsCertificate().toString(),
                    "kbs:///default/app/tls");
            assertThat(wrongPin.exitCode()).isNotZero();
            assertThat(wrongPin.err()).contains("TLS with the KBS");
        }
    }

    @Test
    void adminCommandsNeedTheRightKey() throws Exception {
        Path data = dir.resolve("data");
        try (KbsServer kbs = serve("--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString())) {
            String url = kbs.baseUrls().get(0).toString();
            Run keygen = run("admin", "keygen", "--out", dir.resolve("stranger").toString());
            assertThat(keygen.exitCode()).as(keygen.err()).isZero();
            Run stranger = run("admin", "set-resource", "--url", url, "--admin-key", dir.resolve("stranger/admin-private.pem").toString(),
                    "default/app/x", "--value", "v");
            assertThat(stranger.exitCode()).isNotZero();
            assertThat(stranger.err()).contains("401");
            Run token = run("admin", "token", "--admin-key", data.resolve("admin/admin-private.pem").toString(), "--role", "admin");
            assertThat(token.exitCode()).as(token.err()).isZero();
            Run withToken = run("admin", "set-resource", "--url", url, "--token", token.out().trim(), "default/app/x", "--value", "v");
            assertThat(withToken.exitCode()).as(withToken.err()).isZero();
        }
    }

    @Test
    void serveRefusesAnUnknownConfigKeyNamingIt() throws Exception {
        Path config = dir.resolve("kbs-config.toml");
        Files.writeString(config, "[http_server]\ninsecure_http = true\nsockets = [\"127.0.0.1:0\"]\nbogus_key = 1\n\n"
                + "[admin]\nauthorization_mode = \"DenyAll\"\n");
        Run serve = run("serve", "--config", config.toString(), "--data-dir", dir.resolve("d").toString());
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("http_server.bogus_key");
    }

    @Test
    void serveStopsCleanlyWhenTheDatabaseIsUnreachable() throws Exception {
        Path config = dir.resolve("kbs-config.toml");
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Files.writeString(config, "[http_server]\ninsecure_http = true\nsockets = [\"127.0.0.1:0\"]\n\n"
                + "[admin]\nauthorization_mode = \"DenyAll\"\n\n"
                + "[storage_backend]\nstorage_type = \"Postgres\"\n[storage_backend.backends.postgres]\nhost = \"127.0.0.1\"\n"
                + "port = " + deadPort + "\npassword = \"pw-123-secret\"\n");
        Run serve = run("serve", "--config", config.toString(), "--data-dir", dir.resolve("d").toString());
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("cannot open the Postgres storage").contains("127.0.0.1:" + deadPort)
                .doesNotContain("pw-123-secret");
    }

    @Test
    void devModeRefusesNonLoopbackSockets() throws Exception {
        Run serve = run("serve", "--dev", "--listen", "0.0.0.0:0", "--data-dir", dir.resolve("d").toString());
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("loopback only");
        assertThat(HttpServerConfig.DEFAULT_SOCKET.getAddress().isLoopbackAddress()).isTrue();
    }
}
