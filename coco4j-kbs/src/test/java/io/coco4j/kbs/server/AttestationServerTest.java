package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.AttestationServiceConfig;
import io.coco4j.kbs.config.GrpcListenerConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.RemoteAttestationServiceConfig;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.kbs.testing.TestPki;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.ExternalAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code coco4j as serve} in this process: its REST API over HTTP, its JWKS on the gRPC port, and a
 * KBS with {@code type = "coco_as_grpc"} that attests through it and trusts its tokens through
 * {@code trusted_certs_paths}, as the reference deploys them.
 */
class AttestationServerTest {

    @TempDir
    Path dir;

    private AttestationServer as;
    private DataDirectory asData;

    @AfterEach
    void stop() throws Exception {
        if (as != null) {
            as.close();
        }
    }

    private AttestationServer startAs(ServerMode mode) throws Exception {
        asData = new DataDirectory(dir.resolve("as"));
        as = AttestationServer.start(new AttestationServer.Options(SplitServicesTesting.attestationServer(RvpsConfig.defaults()), mode,
                asData, List.of()));
        return as;
    }

    /** A KBS in development mode whose AS is {@link #as}, trusting {@code trusted}. */
    private TestKbs startKbs(String name, List<Path> trusted) throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve(name));
        KbsConfig config = SplitServicesTesting.withRemoteAs(EmbeddedDefaults.create(data, SplitServicesTesting.anyLoopbackPort()),
                as.grpcPort(), trusted);
        return TestKbs.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of()));
    }

    private TestKbs restClient() throws Exception {
        return TestKbs.remote("http://127.0.0.1:" + as.restPort(), asData);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aKbsAttestsThroughTheRemoteAsAndTrustsItsTokensByCertificate() throws Exception {
        startAs(ServerMode.DEVELOPMENT);
        try (TestKbs kbs = startKbs("kbs", List.of(asData.tokenSignerCertificate()))) {
            assertThat(kbs.server.attestationService()).isEmpty();
            kbs.setResource("default/key/1", "remote".getBytes(StandardCharsets.UTF_8));
            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
            TestKbs.Guest guest = kbs.guest(key);
            String token = guest.handshake();
            JsonNode claims = ReferenceValueTesting.claims(token);
            assertThat(claims.at("/submods/cpu0/ear.status").asText()).isEqualTo("contraindicated"); // the AS has no values yet
            HttpResponse<byte[]> resource = guest.getResource("default/key/1");
            assertThat(resource.statusCode()).as(text(resource)).isEqualTo(200);
            assertThat(ResourceDecryptor.decrypt(Json.read(resource.body(), JweResponse.class), key)).asString().isEqualTo("remote");

            // the admin endpoints of the KBS reach the AS and its RVPS
            String admin = "Bearer " + kbs.adminToken();
            HttpResponse<byte[]> registered = kbs.post("/kbs/v0/reference-value",
                    ReferenceValueTesting.sampleMessage(SplitServicesTesting.MATCHING_SAMPLE_VALUES), "Authorization", admin);
            assertThat(registered.statusCode()).as(text(registered)).isEqualTo(200);
            assertThat(as.service().referenceValues().query("svn")).contains(Json.readTree("[\"1\"]"));
            assertThat(text(kbs.send("GET", "/kbs/v0/reference-value/svn", null, "Authorization", admin))).isEqualTo("[\"1\"]");
            assertThat(ReferenceValueTesting.claims(kbs.guest(key).handshake()).at("/submods/cpu0/ear.status").asText())
                    .isEqualTo("affirming");

            String policy = "package policy\nimport rego.v1\ntrust_claims := {\"executables\": 3, \"hardware\": 2, \"configuration\": 2}\n";
            HttpResponse<byte[]> set = kbs.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"remote_cpu\",\"policy\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(policy.getBytes(StandardCharsets.UTF_8)) + "\"}",
                    "Authorization", admin);
            assertThat(set.statusCode()).as(text(set)).isEqualTo(200);
            assertThat(as.service().policyIds()).contains("remote_cpu");
            HttpResponse<byte[]> badPolicy = kbs.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"bad_cpu\",\"policy\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString("not rego".getBytes(StandardCharsets.UTF_8)) + "\"}",
                    "Authorization", admin);
            assertThat(badPolicy.statusCode()).isEqualTo(401);
            assertThat(text(badPolicy)).contains("PolicyEngineError").contains("ABORTED");

            // the AS publishes its keys; the KBS does not relay them
            assertThat(kbs.send("GET", "/.well-known/jwks.json", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aKbsThatTrustsAnotherIssuerRefusesTheRemoteTokens() throws Exception {
        startAs(ServerMode.DEVELOPMENT);
        DataDirectory other = new DataDirectory(dir.resolve("other"));
        other.ensureTokenSigner();
        try (TestKbs kbs = startKbs("kbs", List.of(other.tokenSignerCertificate()))) {
            kbs.setResource("default/key/1", new byte[] {1});
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.handshake();
            HttpResponse<byte[]> refused = guest.getResource("default/key/1");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(text(refused)).contains("TokenVerifierError");
        }
        // and with no trust anchor at all, a KBS with a remote AS does not start (as the reference)
        assertThatThrownBy(() -> startKbs("untrusting", List.of())).isInstanceOf(StartupException.class)
                .hasMessageContaining("no attestation token can be trusted");
    }

    @Test
    void anUnreachableAsFailsTheAttestationWithTheReason() throws Exception {
        startAs(ServerMode.DEVELOPMENT);
        try (TestKbs kbs = startKbs("kbs", List.of(asData.tokenSignerCertificate()))) {
            as.close();
            as = null;
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            assertThat(guest.auth("sample").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> attest = guest.attest(guest.attestation(guest.nonce, guest.nonce));
            assertThat(attest.statusCode()).isEqualTo(401);
            assertThat(text(attest)).contains("AttestationError").contains("UNAVAILABLE");
        }
    }

    private Path pem(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path privateKey(String name, KeyPair keys) throws Exception {
        return pem(name, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void aKbsOnAnotherMachineSetsPoliciesOnlyWithItsClientCertificate() throws Exception {
        Optional<InetAddress> external = ExternalAddress.ipv4();
        Assumptions.assumeTrue(external.isPresent(), "no non-loopback interface to call from");
        String ip = external.get().getHostAddress();
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofDays(1));
        KeyPair serverCaKeys = TestPki.p256();
        KeyPair serverKeys = TestPki.p256();
        KeyPair clientCaKeys = TestPki.p256();
        KeyPair clientKeys = TestPki.p256();
        Path serverCa = pem("server-ca.pem", TestPki.pem(TestPki.root("AS CA", serverCaKeys,
                now.minusSeconds(60), later)));
        Path serverCert = pem("server.pem", TestPki.pem(TestPki.issue("AS", serverKeys.getPublic(),
                "AS CA", serverCaKeys.getPrivate(), now.minusSeconds(60), later, false, List.of(ip))));
        Path clientCa = pem("client-ca.pem", TestPki.pem(TestPki.root("KBS clients",
                clientCaKeys, now.minusSeconds(60), later)));
        Path clientCert = pem("client.pem", TestPki.pem(TestPki.issue("KBS", clientKeys.getPublic(),
                "KBS clients", clientCaKeys.getPrivate(), now.minusSeconds(60), later, false, List.of())));

        asData = new DataDirectory(dir.resolve("as"));
        var config = SplitServicesTesting.attestationServer(RvpsConfig.defaults());
        as = AttestationServer.start(new AttestationServer.Options(config.withListeners(config.httpServer(),
                new GrpcListenerConfig(new InetSocketAddress(external.get(), 0),
                        Optional.of(privateKey("server.key", serverKeys)), Optional.of(serverCert),
                        Optional.of(clientCa))), ServerMode.PRODUCTION, asData, List.of()));
        String policy = "{\"policy_id\":\"remote_cpu\",\"policy\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "package policy\nimport rego.v1\ntrust_claims := {\"hardware\": 2}\n".getBytes(StandardCharsets.UTF_8)) + "\"}";

        for (boolean withCertificate : List.of(false, true)) {
            DataDirectory data = new DataDirectory(dir.resolve("kbs-" + withCertificate));
            KbsConfig base = EmbeddedDefaults.create(data, SplitServicesTesting.anyLoopbackPort());
            var grpc = new RemoteAttestationServiceConfig.Grpc("https://" + ip + ":" + as.grpcPort(), 1,
                    Optional.of(serverCa), withCertificate ? Optional.of(privateKey("client.key", clientKeys))
                    : Optional.empty(), withCertificate ? Optional.of(clientCert) : Optional.empty());
            var remote = SplitServicesTesting.withRemoteAs(base, 0, List.of(asData.tokenSignerCertificate()));
            var service = remote.attestationService();
            KbsConfig kbsConfig = remote.withAttestationService(new AttestationServiceConfig(service.type(),
                    service.timeoutMinutes(), service.tokenBroker(), service.rvpsConfig(), service.verifierConfig(), service.storageType(),
                    Optional.of(grpc)));
            try (TestKbs kbs = TestKbs.start(new KbsServer.Options(kbsConfig, ServerMode.DEVELOPMENT, data, List.of()))) {
                String admin = "Bearer " + kbs.adminToken();
                HttpResponse<byte[]> set = kbs.post("/kbs/v0/attestation-policy", policy, "Authorization", admin);
                HttpResponse<byte[]> registered = kbs.post("/kbs/v0/reference-value",
                        ReferenceValueTesting.sampleMessage("{\"svn\":[\"1\"]}"), "Authorization", admin);
                if (withCertificate) {
                    assertThat(set.statusCode()).as(text(set)).isEqualTo(200);
                    assertThat(as.service().policyIds()).contains("remote_cpu");
                    // authorised, and refused on its merits: a production RVPS takes no unverified sample values
                    assertThat(text(registered)).contains("ABORTED");
                } else {
                    assertThat(set.statusCode()).isEqualTo(401);
                    assertThat(text(set)).contains("PERMISSION_DENIED");
                    assertThat(text(registered)).contains("PERMISSION_DENIED");
                    assertThat(as.service().policyIds()).doesNotContain("remote_cpu");
                }
            }
        }
    }

    @Test
    void theRestApiOverHttp() throws Exception {
        startAs(ServerMode.DEVELOPMENT);
        TestKbs rest = restClient();
        String evidence = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"svn\":\"1\",\"report_data\":\"\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> token = rest.post("/attestation", "{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\""
                + evidence + "\"}],\"policy_ids\":[]}");
        assertThat(token.statusCode()).as(text(token)).isEqualTo(200);
        assertThat(ReferenceValueTesting.claims(text(token)).at("/submods/cpu0/ear.appraisal-policy-id").asText()).isEqualTo("default");
        HttpResponse<byte[]> bad = rest.post("/attestation", "{\"verification_requests\":[{\"tee\":\"tdx\",\"evidence\":\"" + evidence
                + "\"}],\"policy_ids\":[]}");
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(text(bad)).startsWith("tdx evidence verification failed");

        String policy = "{\"policy_id\":\"rest_cpu\",\"policy\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "package policy\nimport rego.v1\ntrust_claims := {\"hardware\": 2}\n".getBytes(StandardCharsets.UTF_8)) + "\"}";
        HttpResponse<byte[]> anonymous = rest.post("/policy", policy);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<byte[]> wrongRole = rest.post("/policy", policy, "Authorization", "Bearer " + rest.adminToken("auditor",
                Duration.ofMinutes(5)));
        assertThat(wrongRole.statusCode()).isEqualTo(401);
        assertThat(as.service().policyIds()).doesNotContain("rest_cpu");
        assertThat(rest.post("/policy", policy, "Authorization", "Bearer " + rest.adminToken()).statusCode()).isEqualTo(200);
        assertThat(Json.readTree(rest.send("GET", "/policy", null).body())).contains(Json.readTree("{\"policy-id\":\"rest_cpu\"}"));

        HttpResponse<byte[]> tooLarge = rest.post("/attestation", "x".repeat(3 * 1024 * 1024));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(rest.send("GET", "/healthz", null).statusCode()).isEqualTo(200);

        // the JWKS on the REST port and, as plain HTTP, on the gRPC port
        JsonNode jwks = Json.readTree(rest.send("GET", "/.well-known/jwks.json", null).body());
        assertThat(jwks).isEqualTo(as.service().jwks());
        HttpResponse<String> onGrpcPort = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + as.grpcPort() + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.readTree(onGrpcPort.body())).isEqualTo(jwks);
        assertThat(jwks.at("/keys/0/x5c/0").asText()).isNotEmpty(); // the data directory's certificate, for trusted_certs_paths
    }

    @Test
    void productionServesHttpsAndRefusesTheSampleTee() throws Exception {
        startAs(ServerMode.PRODUCTION);
        assertThat(as.tls()).isPresent();
        assertThat(as.restUrls().get(0).getScheme()).isEqualTo("https");
        TestKbs rest = TestKbs.remote(as.restUrls().get(0).toString(), asData);
        String evidence = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"svn\":\"1\",\"report_data\":\"\"}"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> sample = rest.post("/attestation", "{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\""
                + evidence + "\"}],\"policy_ids\":[]}");
        assertThat(sample.statusCode()).isEqualTo(403);
        assertThat(text(sample)).contains("sample");
    }

    @Test
    void developmentModeListensOnLoopbackOnly() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("as"));
        var config = SplitServicesTesting.attestationServer(RvpsConfig.defaults());
        var exposed = config.withListeners(config.httpServer(), config.grpc().withListen(
                new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0)));
        assertThatThrownBy(() -> AttestationServer.start(new AttestationServer.Options(exposed, ServerMode.DEVELOPMENT, data, List.of())))
                .isInstanceOf(StartupException.class).hasMessageContaining("grpc.listen");
    }
}
