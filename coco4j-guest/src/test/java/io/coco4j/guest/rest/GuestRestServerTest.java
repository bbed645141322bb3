package io.coco4j.guest.rest;

import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.cdh.ConfidentialDataHub;
import io.coco4j.guest.cdh.ConfidentialDataHubService;
import io.coco4j.guest.cdh.OfflineFsResourceGetter;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.rpc.RpcEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST facade in front of a real agent and hub on their ttRPC sockets. */
class GuestRestServerTest {

    @TempDir
    Path dir;

    private RpcEndpoint agent;
    private RpcEndpoint hub;
    private GuestRestServer rest;
    private RpcClient agentClient;
    private RpcClient hubClient;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        AttestationAgent aa = AttestationAgent.builder().attester(new SampleAttester()).build();
        agent = RpcEndpoint.start("unix://" + dir.resolve("aa.sock"), List.of(AttestationAgentService.bind(aa)));
        Path resources = dir.resolve("r.json");
        Files.writeString(resources, "{\"default/app/key\":\"" + Base64.getEncoder().encodeToString(new byte[]{0, 1, 2, (byte) 0xFF}) + "\"}");
        hub = RpcEndpoint.start("unix://" + dir.resolve("cdh.sock"),
                ConfidentialDataHubService.bind(new ConfidentialDataHub(OfflineFsResourceGetter.load(List.of(resources)))));
        agentClient = RpcClient.connect(agent.address());
        hubClient = RpcClient.connect(hub.address());
        rest = GuestRestServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), RestFeatures.ALL, agentClient, hubClient);
    }

    @AfterEach
    void stop() {
        rest.close();
        agentClient.close();
        hubClient.close();
        agent.close();
        hub.close();
    }

    private HttpResponse<byte[]> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest.address().getPort() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void resourcesAndEvidence() throws Exception {
        HttpResponse<byte[]> resource = send("GET", "/cdh/resource/default/app/key", null);
        assertThat(resource.statusCode()).isEqualTo(200);
        assertThat(resource.body()).containsExactly(0, 1, 2, 0xFF);

        assertThat(text(send("GET", "/aa/evidence?runtime_data=hello", null))).isEqualTo("{\"svn\":\"1\",\"report_data\":\"aGVsbG8=\"}");
        assertThat(text(send("GET", "/aa/evidence?runtime_data=AAEC&encoding=base64", null))).isEqualTo("{\"svn\":\"1\",\"report_data\":\"AAEC\"}");
        HttpResponse<byte[]> none = send("GET", "/aa/additional-evidence?runtime_data=x", null);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEmpty();
    }

    @Test
    void errorsMapToStatuses() throws Exception {
        assertThat(send("GET", "/cdh/resource/default/app/missing", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/cdh/resource/default/app", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/cdh/resource/default/.x/key", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/cdh/resource/default/app/key", "x").statusCode()).isEqualTo(405);
        assertThat(send("GET", "/nope", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/aa/token", null).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> unknown = send("GET", "/aa/token?token_type=oidc", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(text(unknown)).contains("unsupported token type 'oidc'");
        assertThat(send("GET", "/aa/token?token_type=kbs", null).statusCode()).isEqualTo(500);
        assertThat(send("GET", "/aa/evidence", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/aa/evidence?runtime_data=x&encoding=hex", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/aa/aael", "not json").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> aael = send("POST", "/aa/aael", "{\"domain\":\"d\",\"operation\":\"o\",\"content\":\"c\"}");
        assertThat(aael.statusCode()).isEqualTo(501);
        assertThat(text(aael)).contains("not enabled");
    }

    @Test
    void featureSetsLimitTheEndpoints() throws Exception {
        rest.close();
        rest = GuestRestServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), RestFeatures.RESOURCE, null, hubClient);
        assertThat(send("GET", "/aa/evidence?runtime_data=x", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/cdh/resource/default/app/key", null).statusCode()).isEqualTo(200);
        assertThat(RestFeatures.parse("all")).isEqualTo(RestFeatures.ALL);
    }
}
