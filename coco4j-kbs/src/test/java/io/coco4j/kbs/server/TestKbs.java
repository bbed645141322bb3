package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.admin.AdminSigningKey;
import io.coco4j.kbs.admin.AdminTokenMinter;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.kbs.testing.PrometheusText;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.verifier.VerifierRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real KBS on a loopback port with its data in a temporary directory, and a raw HTTP client for it. */
public final class TestKbs implements AutoCloseable {

    public final KbsServer server;
    public final DataDirectory data;
    public final String url;
    private final HttpClient http;

    private TestKbs(KbsServer server, DataDirectory data) throws Exception {
        this(server, data, server.baseUrls().get(0).toString().replace("0.0.0.0", "127.0.0.1"), server.tls().isPresent());
    }

    private TestKbs(KbsServer server, DataDirectory data, String url, boolean https) throws Exception {
        this.server = server;
        this.data = data;
        this.url = url;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (https) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("kbs", TlsMaterial.readCertificates(data.tlsCertificate()).get(0));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            builder.sslContext(context);
        }
        this.http = builder.build();
    }

    /**
     * A client for a KBS (or another coco4j service) running elsewhere; {@code data} holds the
     * administrator key it trusts and, for an {@code https} URL, its TLS certificate. {@link #server} is null.
     */
    public static TestKbs remote(String url, DataDirectory data) throws Exception {
        return new TestKbs(null, data, url, url.startsWith("https:"));
    }

    public static TestKbs start(Path dir, ServerMode mode) throws Exception {
        return start(dir, mode, false);
    }

    public static TestKbs start(Path dir, ServerMode mode, boolean tlsInDevelopment) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig config = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return start(config, data, mode, tlsInDevelopment);
    }

    public static TestKbs start(KbsConfig config, DataDirectory data, ServerMode mode, boolean tlsInDevelopment) throws Exception {
        return start(new KbsServer.Options(config, mode, data, List.of(), tlsInDevelopment));
    }

    public static TestKbs start(KbsServer.Options options) throws Exception {
        return new TestKbs(KbsServer.start(options), options.data());
    }

    /** A KBS whose attestation service uses {@code verifiers} (e.g. trusting a vendor chain the test generated). */
    public static TestKbs start(Path dir, ServerMode mode, VerifierRegistry verifiers) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig config = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        KbsServer server = KbsServer.start(new KbsServer.Options(config, mode, data, List.of(), false).withVerifiers(verifiers));
        return new TestKbs(server, data);
    }

    public String adminToken(String role, Duration ttl) throws IOException {
        return adminToken(role, ttl, Instant.now());
    }

    public String adminToken(String role, Duration ttl, Instant issuedAt) throws IOException {
        AdminSigningKey key = AdminSigningKey.load(data.adminDirectory().resolve("admin-private.pem"));
        return AdminTokenMinter.mint(key, role, Optional.empty(), Optional.empty(), ttl, issuedAt);
    }

    public String adminToken() throws IOException {
        return adminToken(EmbeddedDefaults.ADMIN_ROLE, Duration.ofMinutes(5));
    }

    public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // After a request Jetty refuses at the parser (400, connection closed), the client may
            // already have put the next request on that closing connection, which the server never
            // read: send it again on a new one, as any HTTP client would.
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    public HttpResponse<byte[]> post(String path, String json, String... headers) throws Exception {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** {@code GET /metrics}, checked for status and content type, read back into samples. */
    public PrometheusText metrics() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/metrics", null);
        if (response.statusCode() != 200 || !"text/plain; version=0.0.4; charset=utf-8".equals(
                response.headers().firstValue("content-type").orElse(""))) {
            throw new AssertionError("GET /metrics answered " + response.statusCode() + " " + response.headers().map());
        }
        return new PrometheusText(new String(response.body(), StandardCharsets.UTF_8));
    }

    public void setResource(String path, byte[] value) throws Exception {
        HttpResponse<byte[]> response = send("POST", "/kbs/v0/resource/" + path, value, "Authorization", "Bearer " + adminToken());
        if (response.statusCode() != 200) {
            throw new AssertionError("set-resource failed: " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /** One guest's handshake, step by step, so tests can tamper with each step. */
    public final class Guest {
        public final TeeKeyPair key;
        public String cookie;
        public String nonce;

        Guest(TeeKeyPair key) {
            this.key = key;
        }

        public HttpResponse<byte[]> auth(String tee) throws Exception {
            HttpResponse<byte[]> response = post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"" + tee + "\",\"extra-params\":{}}");
            if (response.statusCode() == 200) {
                cookie = response.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
                nonce = Json.readTree(response.body()).get("nonce").asText();
            }
            return response;
        }

        /** The attestation body for this guest's key with sample evidence bound to {@code reportNonce}. */
        public ObjectNode attestation(String bodyNonce, String reportNonce) {
            RuntimeData bound = new RuntimeData(reportNonce, key.publicJwk());
            byte[] reportData = RuntimeData.digest(bound.primaryBinding(""), HashAlgorithm.SHA384);
            ObjectNode body = attestation(Json.mapper().createObjectNode().put("svn", "1")
                    .put("report_data", Base64.getEncoder().encodeToString(reportData)));
            ((ObjectNode) body.get("runtime-data")).put("nonce", bodyNonce);
            return body;
        }

        /** The attestation body for this guest's nonce and key around {@code primaryEvidence}, with no devices. */
        public ObjectNode attestation(JsonNode primaryEvidence) {
            ObjectNode body = Json.mapper().createObjectNode();
            ObjectNode runtime = body.putObject("runtime-data");
            runtime.put("nonce", nonce);
            runtime.set("tee-pubkey", key.publicJwk().toJson());
            ObjectNode evidence = body.putObject("tee-evidence");
            evidence.set("primary_evidence", primaryEvidence);
            evidence.put("additional_evidence", "");
            return body;
        }

        public HttpResponse<byte[]> attest(JsonNode body) throws Exception {
            return cookie == null ? post("/kbs/v0/attest", Json.write(body)) : post("/kbs/v0/attest", Json.write(body), "Cookie", cookie);
        }

        /** auth + attest with honest evidence; returns the token. */
        public String handshake() throws Exception {
            auth("sample");
            HttpResponse<byte[]> response = attest(attestation(nonce, nonce));
            if (response.statusCode() != 200) {
                throw new AssertionError("attest failed: " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return Json.readTree(response.body()).get("token").asText();
        }

        public HttpResponse<byte[]> getResource(String path) throws Exception {
            return send("GET", "/kbs/v0/resource/" + path, null, "Cookie", cookie);
        }
    }

    public Guest guest(TeeKeyPair key) {
        return new Guest(key);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
