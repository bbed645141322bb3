package io.coco4j.cli.guest;

import io.coco4j.guest.testing.ScriptedKbs;
import io.coco4j.guest.testing.TestTls;
import io.coco4j.protocol.error.KbsErrorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GetResourceCommandTest {

    private static final byte[] SECRET = {0, 1, 2, (byte) 0xff, '\n', 'k', 'e', 'y'};
    private static final String PATH = "/kbs/v0/resource/default/key/1";

    @TempDir
    Path dir;

    private ScriptedKbs kbs;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final StringWriter stderr = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        kbs = ScriptedKbs.start();
    }

    @AfterEach
    void stop() {
        kbs.close();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new GetResourceCommand(stdout));
        command.setErr(new PrintWriter(stderr, true));
        return command.execute(args);
    }

    private String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of("--url", kbs.url(), "--attester", "sample"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void writesTheRawResourceToStandardOutput() {
        kbs.expectHandshake().expectResource(PATH, kbs.resource(SECRET));
        assertThat(run(args("kbs:///default/key/1"))).isZero();
        assertThat(stdout.toByteArray()).isEqualTo(SECRET);
        assertThat(stderr.toString()).isEmpty();
        kbs.assertScriptDone();
    }

    @Test
    void writesTheOutputFileAtomicallyWithOwnerOnlyMode() throws Exception {
        Path out = dir.resolve("kek.bin");
        Files.writeString(out, "old content, world readable");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        kbs.expectHandshake().expectResource(PATH, kbs.resource(SECRET));

        assertThat(run(args("kbs:///default/key/1", "--output", out.toString()))).isZero();

        assertThat(Files.readAllBytes(out)).isEqualTo(SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
        assertThat(stdout.size()).isZero();
    }

    @Test
    void everyTeeKeyAlgorithmAndTheBearerModeWork() {
        for (String algorithm : List.of("ECDH-ES+A256KW-P256", "ECDH-ES+A256KW-P521", "RSA-OAEP-256")) {
            kbs.expectHandshake().expectResource(PATH, kbs.resource(SECRET));
            stdout.reset();
            assertThat(run(args("kbs:///default/key/1", "--tee-key-algorithm", algorithm, "--bearer"))).as(algorithm).isZero();
            assertThat(stdout.toByteArray()).isEqualTo(SECRET);
        }
        kbs.assertScriptDone();
        List<ScriptedKbs.Request> requests = kbs.requests();
        ScriptedKbs.Request get = requests.get(requests.size() - 1);
        assertThat(get.header("Authorization")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer "));
        assertThat(get.header("Cookie")).isEmpty();
    }

    @Test
    void initDataIsSentVerbatim() throws Exception {
        String toml = "algorithm = \"sha256\"\nversion = \"0.1.0\"\n\n[data]\n\"cdh.toml\" = \"é\"\n";
        Path file = dir.resolve("initdata.toml");
        Files.writeString(file, toml);
        kbs.expectHandshake().expectResource(PATH, kbs.resource(SECRET));
        assertThat(run(args("kbs:///default/key/1", "--init-data", file.toString()))).isZero();
        assertThat(kbs.attestations().get(0).path("init-data").path("body").textValue()).isEqualTo(toml);
    }

    @Test
    void httpsWithAPinnedCertificate() throws Exception {
        TestTls tls = TestTls.selfSigned("kbs");
        Path pem = dir.resolve("kbs.pem");
        Files.writeString(pem, tls.certificatePem());
        try (ScriptedKbs https = ScriptedKbs.startHttps(tls.serverContext())) {
            https.expectHandshake().expectResource(PATH, https.resource(SECRET));
            assertThat(run("--url", https.url(), "--attester", "sample", "--kbs-cert", pem.toString(), "kbs:///default/key/1")).isZero();
            assertThat(stdout.toByteArray()).isEqualTo(SECRET);

            assertThat(run("--url", https.url(), "--attester", "sample", "kbs:///default/key/1")).isEqualTo(1);
            assertThat(stderr.toString()).contains("TLS with the KBS");
        }
    }

    @Test
    void deviceEvidenceCanBeAdded() throws Exception {
        kbs.expectHandshake().expectResource(PATH, kbs.resource(SECRET));
        assertThat(run(args("kbs:///default/key/1", "--device-attester", "sampledevice"))).isZero();
        assertThat(kbs.attestations().get(0).path("tee-evidence").path("additional_evidence").asText()).contains("sampledevice");
    }

    @Test
    void notFoundExitsWithThreeAndOneLine() {
        kbs.expectHandshake().expectResource(PATH, ScriptedKbs.error(404, KbsErrorType.RESOURCE_NOT_FOUND, "no such resource"));
        assertThat(run(args("kbs:///default/key/1"))).isEqualTo(GetResourceCommand.EXIT_NOT_FOUND);
        assertThat(stderr.toString()).isEqualTo("coco4j get-resource: resource kbs:///default/key/1 not found "
                + "(HTTP 404 ResourceNotFound: no such resource)" + System.lineSeparator());
        assertThat(stdout.size()).isZero();
    }

    @Test
    void refusalExitsWithFour() {
        for (int i = 0; i < 3; i++) {
            kbs.expectHandshake().expectResource(PATH, ScriptedKbs.error(401, KbsErrorType.POLICY_DENY, "Access denied by policy"));
        }
        Path out = dir.resolve("never");
        assertThat(run(args("kbs:///default/key/1", "-o", out.toString()))).isEqualTo(GetResourceCommand.EXIT_REFUSED);
        assertThat(stderr.toString()).contains("PolicyDeny: Access denied by policy");
        assertThat(out).doesNotExist();

        stderr.getBuffer().setLength(0);
        kbs.expect("POST", "/kbs/v0/auth", kbs.challenge())
                .expect("POST", "/kbs/v0/attest", ScriptedKbs.error(401, KbsErrorType.ATTESTATION_ERROR, "evidence rejected"));
        assertThat(run(args("kbs:///default/key/1"))).isEqualTo(GetResourceCommand.EXIT_REFUSED);
        assertThat(stderr.toString()).contains("AttestationError: evidence rejected");
    }

    @Test
    void anUnreachableKbsExitsWithOne() {
        String url = kbs.url();
        kbs.close();
        assertThat(run("--url", url, "--attester", "sample", "kbs:///default/key/1")).isEqualTo(GetResourceCommand.EXIT_FAILURE);
        assertThat(stderr.toString()).isEqualTo("coco4j get-resource: cannot connect to the KBS at " + url + ": connection refused"
                + System.lineSeparator());
    }

    @Test
    void commandLineMistakesExitWithTwo() throws Exception {
        assertThat(run(args("https://not-a-kbs-uri/x"))).isEqualTo(2);
        assertThat(stderr.toString()).contains("RESOURCE_URI");
        assertThat(run(args("kbs:///default/../key"))).isEqualTo(2);
        assertThat(run(args("kbs:///default/key"))).isEqualTo(2);
        assertThat(run(args("kbs:///default/key/1", "--tee-key-algorithm", "RSA1_5"))).isEqualTo(2);
        assertThat(run("--url", "ftp://kbs", "kbs:///default/key/1")).isEqualTo(2);
        assertThat(run("kbs:///default/key/1")).as("--url is required").isEqualTo(2);
        assertThat(run("--url", kbs.url(), "--attester", "tdx", "kbs:///default/key/1")).isEqualTo(2);
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void unreadableInputFilesExitWithOne() throws Exception {
        assertThat(run(args("kbs:///default/key/1", "--init-data", dir.resolve("missing.toml").toString()))).isEqualTo(1);
        assertThat(stderr.toString()).contains("cannot read --init-data").contains("no such file");
        Path latin1 = dir.resolve("latin1.toml");
        Files.write(latin1, new byte[]{'a', '=', (byte) 0xe9});
        assertThat(run(args("kbs:///default/key/1", "--init-data", latin1.toString()))).isEqualTo(1);
        assertThat(stderr.toString()).contains("is not UTF-8 text");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "hello");
        assertThat(run(args("kbs:///default/key/1", "--kbs-cert", garbage.toString()))).isEqualTo(1);
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void theSampleAttesterByDefaultIsAnnounced() {
        kbs.expectHandshake().expectResource(PATH, kbs.resource(SECRET));
        assertThat(run("--url", kbs.url(), "kbs:///default/key/1")).isZero();
        assertThat(stderr.toString()).startsWith("coco4j get-resource: warning: using the sample attester");
        assertThat(stdout.toByteArray()).isEqualTo(SECRET);
    }

    @Test
    void helpListsTheOptions() {
        StringWriter help = new StringWriter();
        CommandLine command = new CommandLine(new GetResourceCommand(stdout));
        command.setOut(new PrintWriter(help, true));
        assertThat(command.execute("--help")).isZero();
        assertThat(help.toString()).contains("--url=URL", "--output=FILE", "--tee-key-algorithm=ALG", "ECDH-ES+A256KW-P521",
                "--kbs-cert=PEM", "--init-data=FILE", "--bearer", "--attester=TEE", "Exit codes:");
        assertThat(new String(stdout.toByteArray(), StandardCharsets.UTF_8)).isEmpty();
    }
}
