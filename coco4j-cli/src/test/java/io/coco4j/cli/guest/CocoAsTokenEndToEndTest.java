package io.coco4j.cli.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.cli.as.AsServeCommand;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.attester.Attesters;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.kbs.server.AttestationServer;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.grpc.GrpcReferenceValueProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guest's {@code coco_as} token against {@code coco4j as serve}: the attestation agent
 * ({@code coco4j aa}, sample attester) posts its evidence to the AS's REST API and hands out the EAR
 * token the AS signed, which verifies with the AS's published key.
 */
class CocoAsTokenEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private AttestationServer asServe(String... args) throws Exception {
        AsServeCommand command = new AsServeCommand();
        new CommandLine(command).parseArgs(args);
        AttestationServer server = command.start();
        started.add(server);
        return server;
    }

    /** {@code coco4j aa} with the sample attester, getting coco_as tokens from {@code asUrl}. */
    private RpcClient aa(String asUrl) throws Exception {
        Path config = dir.resolve("aa.toml");
        Files.writeString(config, "[token_configs.coco_as]\nurl = \"" + asUrl + "\"\n");
        AaCommand command = new AaCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        commandLine.parseArgs("-a", "unix://" + dir.resolve("aa.sock"), "-c", config.toString(), "--attester", "sample");
        started.add(command.start(Map.of("AAEL_PATH", dir.resolve("aael").toString()), Attesters.Platform.system()));
        RpcClient client = RpcClient.connect("unix://" + dir.resolve("aa.sock"));
        started.add(client);
        return client;
    }

    private static String cocoAsToken(RpcClient aa) throws Exception {
        return aa.call(AttestationAgentService.GET_TOKEN, GetTokenRequest.newBuilder().setTokenType("coco_as").build(), TIMEOUT)
                .getToken().toString(StandardCharsets.UTF_8);
    }

    /** Verifies the token with the key the AS publishes at its REST {@code /.well-known/jwks.json}; returns the claims. */
    private static JsonNode verifiedClaims(String token, AttestationServer as) throws Exception {
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + as.restPort() + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());
        ECKey key = (ECKey) JWKSet.parse(jwks.body()).getKeys().get(0);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new ECDSAVerifier(key))).as("token signature").isTrue();
        return Json.readTree(jwt.getPayload().toBytes());
    }

    @Test
    void theAgentsCocoAsTokenComesFromAsServe() throws Exception {
        AttestationServer as = asServe("--dev", "--listen", "127.0.0.1:0", "--grpc", "127.0.0.1:0", "--data-dir", dir.resolve("as").toString());
        RpcClient aa = aa("http://127.0.0.1:" + as.restPort());

        JsonNode cpu0 = verifiedClaims(cocoAsToken(aa), as).at("/submods/cpu0");
        assertThat(cpu0.get("ear.appraisal-policy-id").asText()).isEqualTo("default");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("contraindicated"); // the AS knows no reference values yet
        JsonNode annotated = cpu0.get("ear.veraison.annotated-evidence");
        assertThat(annotated.get("sample").get("svn").asText()).isEqualTo("1");
        assertThat(annotated.get("runtime_data_claims").isNull()).isTrue(); // coco_as evidence binds no runtime data

        // reference values registered from this machine through the AS's gRPC port change the appraisal
        try (GrpcReferenceValueProvider rvps = GrpcReferenceValueProvider.connect("http://127.0.0.1:" + as.grpcPort(), Optional.empty())) {
            String values = "{\"launch_digest\":[\"abcde\"],\"svn\":[\"1\"],\"major_version\":1,\"minimum_minor_version\":4}";
            rvps.register("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                    + Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8)) + "\"}");
        }
        assertThat(verifiedClaims(cocoAsToken(aa), as).at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");
    }

    @Test
    void aProductionAsRefusesTheSampleGuest() throws Exception {
        Path config = dir.resolve("as.toml");
        Files.writeString(config, "[http_server]\nsockets = [\"127.0.0.1:0\"]\ninsecure_http = true\n[grpc]\nlisten = \"127.0.0.1:0\"\n");
        AttestationServer as = asServe("--config", config.toString(), "--data-dir", dir.resolve("as").toString());
        RpcClient aa = aa("http://127.0.0.1:" + as.restPort());
        assertThatThrownBy(() -> cocoAsToken(aa)).isInstanceOfSatisfying(RpcStatusException.class,
                e -> assertThat(e.getMessage()).contains("the attestation service refused the evidence (HTTP 403)"));
    }
}
