package io.coco4j.cli.image;

import io.coco4j.cli.Main;
import io.coco4j.cli.serve.ServeCommand;
import io.coco4j.image.testing.TestImages;
import io.coco4j.kbs.server.KbsServer;
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
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encrypted-image flow through the real commands against a real KBS in development mode (sample
 * TEE): encrypt with a KEK registered by {@code --new-kek}, decrypt as an attested guest, and the
 * refusals (denying policy, existing KEK, missing keys).
 */
class ImageCommandsTest {

    @TempDir
    Path dir;

    private KbsServer kbs;
    private String url;
    private Path data;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void start() throws Exception {
        data = dir.resolve("kbs-data");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString());
        kbs = serve.start();
        url = kbs.baseUrls().get(0).toString();
        TestImages.write(dir.resolve("plain"), "v1", List.of(
                List.of(TestImages.File.text("etc/motd", "welcome"), new TestImages.File("opt/app.bin", TestImages.random(200_000, 2))),
                List.of(TestImages.File.text("etc/version", "2"))));
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private String layout(String name) {
        return dir.resolve(name) + ":v1";
    }

    private List<String> layerDigests(String name) throws Exception {
        return TestImages.layers(dir.resolve(name), "v1").stream().map(d -> d.digest().toString()).toList();
    }

    @Test
    void encryptWithANewKekThenDecryptAsAnAttestedGuest() throws Exception {
        Run encrypt = run("image", "encrypt", "--key-id", "kbs:///default/image-kek/1", "--new-kek",
                "--url", url, "--data-dir", data.toString(), layout("plain"), layout("enc"));
        assertThat(encrypt.exitCode()).as(encrypt.err()).isZero();
        assertThat(encrypt.err()).contains("stored a new KEK at kbs:///default/image-kek/1");

        Run inspect = run("image", "inspect", layout("enc"));
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("encrypted with AES_256_CTR_HMAC_SHA256")
                .contains("for provider.attestation-agent: kid=kbs:///default/image-kek/1 provider=kbs wrap_type=A256GCM");
        assertThat(run("image", "inspect", layout("plain")).out()).contains("not encrypted");

        Run decrypt = run("image", "decrypt", "--url", url, "--attester", "sample", layout("enc"), layout("dec"));
        assertThat(decrypt.exitCode()).as(decrypt.err()).isZero();
        assertThat(layerDigests("dec")).isEqualTo(layerDigests("plain"));

        Run again = run("image", "encrypt", "--key-id", "kbs:///default/image-kek/1", "--new-kek",
                "--url", url, "--data-dir", data.toString(), layout("plain"), layout("enc2"));
        assertThat(again.exitCode()).isEqualTo(ImageEncryptCommand.EXIT_KEK_EXISTS);
        assertThat(again.err()).contains("already holds a resource at kbs:///default/image-kek/1").contains("--force");
        assertThat(dir.resolve("enc2")).doesNotExist();
        // the first image still decrypts: its KEK was not replaced
        assertThat(run("image", "decrypt", "--url", url, "--attester", "sample", layout("enc"), layout("dec-again")).exitCode()).isZero();

        Run forced = run("image", "encrypt", "--key-id", "kbs:///default/image-kek/1", "--new-kek", "--force",
                "--url", url, "--data-dir", data.toString(), layout("plain"), layout("enc2"));
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        Run stale = run("image", "decrypt", "--url", url, "--attester", "sample", layout("enc"), layout("dec-stale"));
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("does not open with this KEK");
    }

    @Test
    void aDenyingResourcePolicyReleasesNoKeyAndWritesNothing() throws Exception {
        Path kek = dir.resolve("kek.bin");
        Files.write(kek, TestImages.random(32, 9));
        assertThat(run("admin", "set-resource", "--url", url, "--data-dir", data.toString(), "kbs:///default/image-kek/2",
                "--file", kek.toString()).exitCode()).isZero();
        Run encrypt = run("image", "encrypt", "--key-id", "kbs:///default/image-kek/2", "--kek", kek.toString(), layout("plain"), layout("enc"));
        assertThat(encrypt.exitCode()).as(encrypt.err()).isZero();

        Path policy = dir.resolve("deny.rego");
        Files.writeString(policy, "package policy\nimport rego.v1\ndefault allow := false\n");
        Run setPolicy = run("admin", "set-resource-policy", "--url", url, "--data-dir", data.toString(), "--policy-file", policy.toString());
        assertThat(setPolicy.exitCode()).as(setPolicy.err()).isZero();

        Run decrypt = run("image", "decrypt", "--url", url, "--attester", "sample", layout("enc"), layout("dec"));
        assertThat(decrypt.exitCode()).isEqualTo(ImageCommand.EXIT_KEY_NOT_RELEASED);
        assertThat(decrypt.err()).contains("key not released: policy denied");
        assertThat(dir.resolve("dec")).doesNotExist();
    }

    @Test
    void jweRecipientsRoundTripThroughTheCommands() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        Path pub = dir.resolve("pub.pem");
        Path priv = dir.resolve("priv.pem");
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertThat(run("image", "encrypt", "--recipient", "jwe:" + pub, layout("plain"), layout("enc")).exitCode()).isZero();
        assertThat(run("image", "inspect", layout("enc")).out()).contains("for jwe: recipient key ECDH-ES+A256KW (A256GCM)");
        Run decrypt = run("image", "decrypt", "--recipient-key", priv.toString(), layout("enc"), layout("dec"));
        assertThat(decrypt.exitCode()).as(decrypt.err()).isZero();
        assertThat(layerDigests("dec")).isEqualTo(layerDigests("plain"));
    }

    @Test
    void usageMistakesAreNamed() {
        assertThat(run("image", "encrypt", layout("plain"), layout("enc")).err()).contains("name a recipient");
        assertThat(run("image", "encrypt", "--key-id", "kbs:///default/k/1", layout("plain"), layout("enc")).err())
                .contains("exactly one of --kek FILE or --new-kek");
        assertThat(run("image", "encrypt", "--key-id", "kbs:///default/k/1", "--new-kek", layout("plain"), layout("enc")).err())
                .contains("give --url");
        assertThat(run("image", "encrypt", "--key-id", "/not/a/uri", "--new-kek", layout("plain"), layout("enc")).exitCode()).isEqualTo(2);
        assertThat(run("image", "decrypt", layout("plain"), layout("dec")).err()).contains("--url URL");
        assertThat(run("image", "inspect", dir.resolve("nothing").toString()).err()).contains("not an OCI image layout");
    }

    @Test
    void keyProviderCommandAnswersOnStdout() throws Exception {
        Path kek = dir.resolve("kek.bin");
        Files.write(kek, TestImages.random(32, 4));
        String parameter = Base64.getEncoder().encodeToString(("keyid=kbs:///default/image-kek/9::keypath=" + kek).getBytes(StandardCharsets.UTF_8));
        String request = "{\"op\":\"keywrap\",\"keywrapparams\":{\"ec\":{\"Parameters\":{\"attestation-agent\":[\"" + parameter
                + "\"]},\"DecryptConfig\":{\"Parameters\":{}}},\"optsdata\":\"" + Base64.getEncoder().encodeToString("{\"symkey\":\"AA==\"}".getBytes())
                + "\"},\"keyunwrapparams\":{\"dc\":null,\"annotation\":null}}";
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(new KeyProviderCommand(new java.io.ByteArrayInputStream(request.getBytes()), stdout));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute()).as(err.toString()).isZero();
        assertThat(stdout.toString(StandardCharsets.US_ASCII)).startsWith("{\"keywrapresults\":{\"annotation\":[123,");

        java.io.ByteArrayOutputStream none = new java.io.ByteArrayOutputStream();
        CommandLine bad = new CommandLine(new KeyProviderCommand(new java.io.ByteArrayInputStream("{}".getBytes()), none));
        bad.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(bad.execute()).isEqualTo(1);
        assertThat(none.size()).isZero();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }


}
