package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.cli.Main;
import io.coco4j.cli.serve.ServeCommand;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ReferenceValueServer;
import io.coco4j.rvps.grpc.GrpcReferenceValueProvider;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code coco4j rvps} against a local data directory and against a running KBS. */
class RvpsCommandsTest {

    private static final String FOO_TAR_GZ = "52947cb78b91ad01fe81cd6aef42d1f6817e92b9e6936c1e5aabb7c98514f355";

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

    private static Path vector(String name) {
        return TestVectors.resolve("in-toto/trustee/" + name);
    }

    /** foo.py as the trustee layout's untar inspection would unpack it. */
    private Path unpackedFooPy() throws Exception {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(vector("foo.tar.gz"))))) {
            byte[] tar = in.readAllBytes();
            int size = Integer.parseInt(new String(tar, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            Path file = dir.resolve("unpacked").resolve("foo.py");
            Files.createDirectories(file.getParent());
            Files.write(file, Arrays.copyOfRange(tar, 512, 512 + size));
            return file;
        }
    }

    private String[] inToto(String... target) throws Exception {
        String[] base = {"rvps", "register", "--provider", "in-toto", "--layout", vector("demo.layout").toString(),
                "--link-dir", vector("demo.layout").getParent().toString(),
                "--artifact", vector("foo.tar.gz").toString(), "--artifact", unpackedFooPy().toString()};
        String[] all = Arrays.copyOf(base, base.length + target.length);
        System.arraycopy(target, 0, all, base.length, target.length);
        return all;
    }

    @Test
    void localRegisterListGetDelete() throws Exception {
        String data = dir.resolve("data").toString();
        Run register = run(inToto("--data-dir", data, "--layout-key", vector("alice.pub").toString()));
        assertThat(register.exitCode()).as(register.err()).isZero();
        assertThat(register.out()).contains("registered 1 reference value(s) from in-toto, valid until 2030-11-18T16:06:36Z: foo.tar.gz");
        assertThat(Files.isRegularFile(dir.resolve("data/rvps.sqlite"))).isTrue();

        Run list = run("rvps", "list", "--data-dir", data);
        assertThat(list.out()).contains("foo.tar.gz").contains("valid").contains("in-toto").contains(FOO_TAR_GZ.substring(0, 20));

        Run get = run("rvps", "get", "--data-dir", data, "foo.tar.gz");
        assertThat(get.exitCode()).isZero();
        JsonNode shown = Json.readTree(get.out());
        assertThat(shown.get("value").get(0).asText()).isEqualTo(FOO_TAR_GZ);
        assertThat(shown.at("/provenance/signer_key_ids/0").asText()).startsWith("70ca5750");

        assertThat(run("rvps", "delete", "--data-dir", data, "foo.tar.gz").out()).contains("deleted foo.tar.gz");
        Run gone = run("rvps", "get", "--data-dir", data, "foo.tar.gz");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("no reference value named 'foo.tar.gz'");
        assertThat(run("rvps", "delete", "--data-dir", data, "foo.tar.gz").exitCode()).isEqualTo(1);
    }

    @Test
    void localInTotoNeedsTheOperatorsLayoutKeyAndRefusesAWrongOne() throws Exception {
        String data = dir.resolve("data").toString();
        Run noKey = run(inToto("--data-dir", data));
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--layout-key");

        Path bob = TestVectors.resolve("in-toto/in-toto-demo/bob.pub");
        Run wrongKey = run(inToto("--data-dir", data, "--layout-key", bob.toString()));
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("layout signature");
        assertThat(run("rvps", "list", "--data-dir", data, "--json").out().trim()).isEqualTo("[ ]");
    }

    /** {@code rvps register} of two sample values at {@code url}, and {@code rvps get} of one of them. */
    private void registerAndGetSampleValues(String url, Path data) throws Exception {
        Path values = dir.resolve("values.json");
        Files.writeString(values, "{\"svn\":[\"1\"],\"rvps:///acme/firmware:v2\":[\"ab12\"]}");
        Run register = run("rvps", "register", "--url", url, "--data-dir", data.toString(), "--provider", "sample", "--file",
                values.toString());
        assertThat(register.exitCode()).as(register.err()).isZero();
        assertThat(register.out()).contains("registered 2 reference value(s) from sample");

        Run get = run("rvps", "get", "--url", url, "--data-dir", data.toString(), "rvps:///acme/firmware:v2");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(Json.readTree(get.out()).get("value").get(0).asText()).isEqualTo("ab12");
    }

    @Test
    void sampleValuesThroughARunningKbsAndTheSameStoreLocally() throws Exception {
        Path data = dir.resolve("kbs-data");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString());
        try (KbsServer kbs = serve.start()) {
            String url = kbs.baseUrls().get(0).toString();
            registerAndGetSampleValues(url, data);
            // the KBS keeps them in <data-dir>/rvps.sqlite, which the local commands read too
            assertThat(run("rvps", "list", "--data-dir", data.toString()).out()).contains("rvps:///acme/firmware:v2");

            // the dev KBS trusts no layout key: the server refuses, whatever the operator's own key says
            Run inToto = run(inToto("--url", url, "--data-dir", data.toString(), "--layout-key", vector("alice.pub").toString()));
            assertThat(inToto.exitCode()).isEqualTo(1);
            assertThat(inToto.err()).contains("400").contains("ProvenanceVerificationFailed").contains("trusted_layout_keys");

            Run delete = run("rvps", "delete", "--url", url, "--data-dir", data.toString(), "rvps:///acme/firmware:v2");
            assertThat(delete.exitCode()).as(delete.err()).isZero();
            assertThat(run("rvps", "get", "--url", url, "--data-dir", data.toString(), "rvps:///acme/firmware:v2").exitCode()).isEqualTo(1);

            Run stranger = run("rvps", "list", "--url", url, "--token", "not-a-token");
            assertThat(stranger.exitCode()).isEqualTo(1);
            assertThat(stranger.err()).contains("401");
        }
    }

    @Test
    void theRvpsCommandsTalkToRvpsServe() throws Exception {
        Path data = dir.resolve("rvps-data");
        RvpsServeCommand serve = new RvpsServeCommand();
        new CommandLine(serve).parseArgs("--dev", "--listen", "127.0.0.1:0", "--grpc", "127.0.0.1:0", "--data-dir", data.toString());
        try (ReferenceValueServer rvps = serve.start()) {
            String url = rvps.restUrls().get(0).toString();
            registerAndGetSampleValues(url, data);
            assertThat(run("rvps", "list", "--url", url, "--data-dir", data.toString()).out()).contains("svn").contains("rvps:///acme/firmware:v2");
            // what an attestation service reads over the reference's gRPC API
            try (GrpcReferenceValueProvider grpc = GrpcReferenceValueProvider.connect("127.0.0.1:" + rvps.grpcPort(), Optional.empty())) {
                assertThat(grpc.query("svn")).contains(Json.readTree("[\"1\"]"));
            }

            Run delete = run("rvps", "delete", "--url", url, "--data-dir", data.toString(), "svn");
            assertThat(delete.exitCode()).as(delete.err()).isZero();
            assertThat(run("rvps", "get", "--url", url, "--data-dir", data.toString(), "svn").exitCode()).isEqualTo(1);
            Run stranger = run("rvps", "list", "--url", url, "--token", "not-a-token");
            assertThat(stranger.exitCode()).isEqualTo(1);
            assertThat(stranger.err()).contains("401");
        }
        Run badListen = run("rvps", "serve", "--dev", "--listen", "nowhere", "--data-dir", data.toString());
        assertThat(badListen.exitCode()).isEqualTo(2);
        assertThat(badListen.err()).contains("--listen wants HOST:PORT");
    }
}
