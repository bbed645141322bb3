package io.coco4j.guest.ttrpc;

import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.cdh.ConfidentialDataHub;
import io.coco4j.guest.cdh.ConfidentialDataHubService;
import io.coco4j.guest.cdh.OfflineFsResourceGetter;
import io.coco4j.guest.rpc.RpcEndpoint;
import io.coco4j.guest.testing.ExternalTools;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with a ttRPC client coco4j did not write: a small Go program on containerd's
 * ttrpc package (Debian's golang-github-containerd-ttrpc-dev, built in GOPATH mode here) calls
 * GetTeeType and GetEvidence on the attestation agent and GetResource on the CDH.
 */
class GoTtrpcInteropTest {

    private static final Path GOCODE = Path.of("/usr/share/gocode");

    @TempDir
    static Path dir;

    private static Path client;
    private static RpcEndpoint agent;
    private static RpcEndpoint hub;
    private static final byte[] RESOURCE = "resource for the go client \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @BeforeAll
    static void build() throws Exception {
        Path go = ExternalTools.require("go", "golang-go");
        ExternalTools.requireFile(GOCODE.resolve("src/github.com/containerd/ttrpc"), "golang-github-containerd-ttrpc-dev");
        Path gopath = dir.resolve("gopath");
        Path source = Files.createDirectories(gopath.resolve("src/coco4j-ttrpc-client"));
        Files.copy(Path.of("src/test/go/coco4j-ttrpc-client/main.go"), source.resolve("main.go"));
        client = dir.resolve("coco4j-ttrpc-client");
        // the build cache lives in target/, so builds after the first take a second
        Path cache = Files.createDirectories(Path.of("target/go-cache").toAbsolutePath());
        ProcessBuilder build = new ProcessBuilder(go.toString(), "build", "-o", client.toString(), "coco4j-ttrpc-client")
                .redirectErrorStream(true).directory(gopath.toFile());
        build.environment().put("GO111MODULE", "off");
        build.environment().put("GOPATH", gopath + ":" + GOCODE);
        build.environment().put("GOCACHE", cache.toString());
        build.environment().put("GOFLAGS", "");
        Process process = build.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("go build: " + output).isZero();

        agent = RpcEndpoint.start("unix://" + dir.resolve("aa.sock"),
                List.of(AttestationAgentService.bind(AttestationAgent.builder().attester(new SampleAttester()).build())));
        Path resources = dir.resolve("resources.json");
        Files.writeString(resources, "{\"default/key/1\":\"" + Base64.getEncoder().encodeToString(RESOURCE) + "\"}");
        hub = RpcEndpoint.start("unix://" + dir.resolve("cdh.sock"),
                ConfidentialDataHubService.bind(new ConfidentialDataHub(OfflineFsResourceGetter.load(List.of(resources)))));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static String run(String socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(client.toString(), socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void getTeeType() throws Exception {
        assertThat(run(dir.resolve("aa.sock").toString(), "tee-type")).isEqualTo("sample");
    }

    @Test
    void getEvidence() throws Exception {
        byte[] runtimeData = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        String evidence = run(dir.resolve("aa.sock").toString(), "evidence", HexFormat.of().formatHex(runtimeData));
        assertThat(Json.readTree(evidence).get("svn").asText()).isEqualTo("1");
        assertThat(Json.readTree(evidence).get("report_data").asText()).isEqualTo(Base64.getEncoder().encodeToString(runtimeData));
    }

    @Test
    void getResource() throws Exception {
        assertThat(run(dir.resolve("cdh.sock").toString(), "resource", "kbs:///default/key/1")).isEqualTo(HexFormat.of().formatHex(RESOURCE));
    }

    @Test
    void errorsArriveAsGrpcStatuses() throws Exception {
        assertThat(run(dir.resolve("cdh.sock").toString(), "resource", "kbs:///default/../1"))
                .startsWith("ERROR 3 [CDH] [ERROR]: invalid resource URI");
        assertThat(run(dir.resolve("cdh.sock").toString(), "resource", "kbs:///default/key/2"))
                .startsWith("ERROR 5 [CDH] [ERROR]: cannot get kbs:///default/key/2");
        // the attestation agent's socket does not serve the CDH's services
        assertThat(run(dir.resolve("aa.sock").toString(), "resource", "kbs:///default/key/1")).isEqualTo("ERROR 12 service api.GetResourceService");
    }
}
