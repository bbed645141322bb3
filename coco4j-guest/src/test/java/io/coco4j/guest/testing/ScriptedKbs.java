package io.coco4j.guest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceEncryptor;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.Challenge;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP(S) server that answers a fixed script of exchanges, for testing the KBS client's
 * status handling: each expected request (method + path) gets the scripted reply, in order. The
 * canned replies behave as a KBS would where the client's correctness shows: {@link #challenge()}
 * sets the session cookie, {@link #token()} checks the cookie, the nonce and the report-data binding
 * before minting a token that certifies the posted TEE key, and {@link #resource(byte[])} encrypts to
 * the key certified for the presented cookie or bearer token. Anything off-script is answered 500 and
 * recorded as a problem.
 */
public final class ScriptedKbs implements AutoCloseable {

    /** The reference's cookie date format (RFC 1123, always GMT). */
    private static final DateTimeFormatter COOKIE_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final String url;
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> nonceBySession = new ConcurrentHashMap<>();
    private final Map<String, TeePublicKey> keyBySession = new ConcurrentHashMap<>();
    private final Map<String, TeePublicKey> keyByToken = new ConcurrentHashMap<>();
    private final List<ObjectNode> attestations = new CopyOnWriteArrayList<>();
    private final ECKey signingKey;
    private volatile Function<Instant, Instant> tokenExpiry = issued -> issued.plusSeconds(300);

    private ScriptedKbs(HttpServer server, String scheme, String host) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
        this.url = scheme + "://" + host + ":" + server.getAddress().getPort();
        try {
            this.signingKey = new ECKeyGenerator(Curve.P_256).keyID("scripted").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain HTTP on 127.0.0.1. */
    public static ScriptedKbs start() throws IOException {
        return new ScriptedKbs(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http", "127.0.0.1");
    }

    /** Plain HTTP, the URL naming the host as given (e.g. {@code localhost}). */
    public static ScriptedKbs start(String hostName) throws IOException {
        return new ScriptedKbs(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http", hostName);
    }

    /** HTTPS on 127.0.0.1 with the given server TLS context. */
    public static ScriptedKbs startHttps(SSLContext tls) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new ScriptedKbs(https, "https", "127.0.0.1");
    }

    public String url() {
        return url;
    }

    // ---- the script ------------------------------------------------------------------------------

    /** Adds one expected exchange. */
    public synchronized ScriptedKbs expect(String method, String path, Responder responder) {
        script.add(new Step(method, path, responder));
        return this;
    }

    /** {@code POST /kbs/v0/auth} then {@code POST /kbs/v0/attest}, both succeeding. */
    public ScriptedKbs expectHandshake() {
        return expect("POST", "/kbs/v0/auth", challenge()).expect("POST", "/kbs/v0/attest", token());
    }

    public ScriptedKbs expectResource(String path, Responder responder) {
        return expect("GET", path, responder);
    }

    /** Token lifetime as a function of the issue instant (5 min unless set). */
    public void tokenExpiry(Function<Instant, Instant> expiry) {
        this.tokenExpiry = expiry;
    }

    // ---- canned replies --------------------------------------------------------------------------

    /** RCAR step 2: a fresh nonce and a new session cookie, as the reference sends them. */
    public Responder challenge() {
        return request -> {
            JsonNode body = Json.readTree(request.body());
            if (!"0.4.0".equals(body.path("version").asText()) || !body.path("tee").isTextual()) {
                return Reply.error(401, KbsErrorType.ATTESTATION_ERROR, "bad auth request " + body);
            }
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            byte[] id = new byte[16];
            random.nextBytes(id);
            String session = HexFormat.of().formatHex(id);
            String nonceText = Base64.getEncoder().encodeToString(nonce);
            nonceBySession.put(session, nonceText);
            return Reply.json(200, Json.write(Challenge.withNonce(nonceText)))
                    .withHeader("Set-Cookie", "kbs-session-id=" + session + "; Expires="
                            + COOKIE_DATE.format(Instant.now().plusSeconds(300)));
        };
    }

    /**
     * RCAR step 4: requires the session cookie, the session's nonce and a report data equal to
     * {@code SHA-384(JCS({nonce, tee-pubkey, additional-evidence}))}; answers 401 otherwise.
     */
    public Responder token() {
        return request -> {
            Optional<String> session = request.cookie("kbs-session-id");
            if (session.isEmpty() || !nonceBySession.containsKey(session.get())) {
                return Reply.error(401, KbsErrorType.ATTESTATION_ERROR, "no session");
            }
            ObjectNode attestation = (ObjectNode) Json.readTree(request.body());
            attestations.add(attestation);
            TeePublicKey key = TeePublicKey.fromJson(attestation.path("runtime-data").path("tee-pubkey"));
            RuntimeData runtimeData = new RuntimeData(attestation.path("runtime-data").path("nonce").asText(), key);
            if (!runtimeData.nonce().equals(nonceBySession.get(session.get()))) {
                return Reply.error(401, KbsErrorType.ATTESTATION_ERROR, "nonce mismatch");
            }
            JsonNode evidence = attestation.path("tee-evidence");
            byte[] expected = RuntimeData.digest(runtimeData.primaryBinding(evidence.path("additional_evidence").asText()),
                    HashAlgorithm.SHA384);
            byte[] reported = Base64.getDecoder().decode(evidence.path("primary_evidence").path("report_data").asText());
            if (!java.util.Arrays.equals(expected, reported)) {
                return Reply.error(401, KbsErrorType.ATTESTATION_ERROR, "report data mismatch");
            }
            String jwt = mintToken(key);
            keyBySession.put(session.get(), key);
            keyByToken.put(jwt, key);
            return Reply.json(200, Json.write(Map.of("token", jwt)));
        };
    }

    /** A resource JWE for the TEE key certified by the request's session cookie or bearer token. */
    public Responder resource(byte[] plaintext) {
        return request -> {
            TeePublicKey key = certifiedKey(request);
            if (key == null) {
                throw new IllegalStateException("resource requested without an attested cookie or known bearer token");
            }
            JweResponse jwe = new ResourceEncryptor().encrypt(plaintext, key, TeePublicKey.KeyPolicy.DEFAULT);
            return Reply.json(200, Json.write(jwe));
        };
    }

    /** A fixed error answer with a KBS error body. */
    public static Responder error(int status, KbsErrorType type, String detail) {
        return request -> Reply.error(status, type, detail);
    }

    /** A fixed answer with an arbitrary body. */
    public static Responder raw(int status, String body) {
        return request -> Reply.json(status, body);
    }

    private TeePublicKey certifiedKey(Request request) {
        Optional<String> bearer = request.header("Authorization").filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7));
        if (bearer.isPresent()) {
            return keyByToken.get(bearer.get());
        }
        return request.cookie("kbs-session-id").map(keyBySession::get).orElse(null);
    }

    /** An ES256 token in the EAR layout with the TEE key where the KBS looks for it. */
    public String mintToken(TeePublicKey key) throws Exception {
        Instant now = Instant.now();
        ObjectNode runtime = Json.mapper().createObjectNode();
        runtime.set("tee-pubkey", key.toJson());
        ObjectNode evidence = Json.mapper().createObjectNode();
        evidence.set("runtime_data_claims", runtime);
        ObjectNode cpu0 = Json.mapper().createObjectNode();
        cpu0.put("ear.status", "affirming");
        cpu0.set("ear.veraison.annotated-evidence", evidence);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("CoCo-Attestation-Service")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(tokenExpiry.apply(now)))
                .claim("submods", Map.of("cpu0", Json.mapper().convertValue(cpu0, Map.class)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(signingKey.toPublicJWK()).build(), claims);
        jwt.sign(new ECDSASigner(signingKey));
        return jwt.serialize();
    }

    // ---- what happened ---------------------------------------------------------------------------

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The parsed {@code /attest} bodies received, in order. */
    public List<ObjectNode> attestations() {
        return List.copyOf(attestations);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public synchronized int remainingSteps() {
        return script.size();
    }

    /** Fails unless every scripted exchange happened and nothing else did. */
    public void assertScriptDone() {
        if (!problems.isEmpty()) {
            throw new AssertionError("scripted KBS problems: " + problems);
        }
        if (remainingSteps() != 0) {
            throw new AssertionError("scripted KBS still expects " + remainingSteps() + " request(s): " + script);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), copyHeaders(exchange), exchange.getRequestBody().readAllBytes());
        requests.add(request);
        Reply reply;
        Step step;
        synchronized (this) {
            step = script.peek();
            if (step != null && step.method.equals(request.method()) && step.path.equals(request.path())) {
                script.poll();
            } else {
                step = null;
            }
        }
        if (step == null) {
            problems.add("unexpected " + request.method() + " " + request.path());
            reply = Reply.error(500, KbsErrorType.HTTP_FAILED, "unexpected request");
        } else {
            try {
                reply = step.responder.reply(request);
            } catch (Exception | AssertionError e) {
                problems.add(request.method() + " " + request.path() + ": " + e);
                reply = Reply.error(500, KbsErrorType.HTTP_FAILED, "scripted reply failed");
            }
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static Map<String, List<String>> copyHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return headers;
    }

    private record Step(String method, String path, Responder responder) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Builds the reply to one request. */
    @FunctionalInterface
    public interface Responder {
        Reply reply(Request request) throws Exception;
    }

    /** A received request. Header names are lower case. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public Optional<String> cookie(String name) {
            for (String header : headers.getOrDefault("cookie", List.of())) {
                for (String pair : header.split(";")) {
                    String[] nameValue = pair.strip().split("=", 2);
                    if (nameValue.length == 2 && nameValue[0].equals(name)) {
                        return Optional.of(nameValue[1]);
                    }
                }
            }
            return Optional.empty();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply error(int status, KbsErrorType type, String detail) {
            return json(status, Json.write(ErrorInformation.of(type, detail)));
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body);
        }
    }

    /** Lists the recorded requests as {@code METHOD path} lines, for assertions on the exchange order. */
    public List<String> exchangeLog() {
        List<String> log = new ArrayList<>();
        for (Request request : requests) {
            log.add(request.method() + " " + request.path());
        }
        return log;
    }
}
