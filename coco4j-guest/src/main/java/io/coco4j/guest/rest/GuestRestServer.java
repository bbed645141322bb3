package io.coco4j.guest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.api.ExtendRuntimeMeasurementRequest;
import io.coco4j.guest.aa.api.GetAdditionalEvidenceRequest;
import io.coco4j.guest.aa.api.GetEvidenceRequest;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.aa.api.RuntimeMeasurementResult;
import io.coco4j.guest.cdh.ConfidentialDataHubService;
import io.coco4j.guest.cdh.api.GetResourceRequest;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.protocol.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The in-pod REST facade ({@code 127.0.0.1:8006} by default): plain HTTP for workloads that speak
 * neither ttRPC nor gRPC, forwarding to the attestation agent and the CDH over their sockets.
 * <ul>
 * <li>{@code GET /cdh/resource/<repo>/<type>/<tag>} → the raw resource;</li>
 * <li>{@code GET /aa/token?token_type=kbs}, {@code GET /aa/evidence?runtime_data=…[&encoding=base64]},
 * {@code GET /aa/additional-evidence?…}, {@code POST /aa/aael} with {@code {"domain","operation","content"}}.</li>
 * </ul>
 * Only loopback peers are served (others get 403); unknown paths 404, wrong methods 405, bad parameters 400.
 */
public final class GuestRestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GuestRestServer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(50);
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RpcClient agent;
    private final RpcClient hub;
    private final RestFeatures features;

    private GuestRestServer(InetSocketAddress address, RestFeatures features, RpcClient agent, RpcClient hub) throws IOException {
        this.features = features;
        this.agent = agent;
        this.hub = hub;
        this.server = HttpServer.create(address, 64);
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "rest-facade");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts the facade on {@code address}, forwarding to the attestation agent at {@code agent} and
     * the CDH at {@code hub} (either may be null when its feature set is off).
     */
    public static GuestRestServer start(InetSocketAddress address, RestFeatures features, RpcClient agent, RpcClient hub) throws IOException {
        if (features.attestation() && agent == null) {
            throw new IllegalArgumentException("the attestation endpoints need an attestation agent address");
        }
        if (features.resource() && hub == null) {
            throw new IllegalArgumentException("the resource endpoints need a CDH address");
        }
        return new GuestRestServer(address, features, agent, hub);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                respond(exchange, 403, "text/plain", "only loopback clients are served".getBytes(StandardCharsets.UTF_8));
                return;
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            String method = exchange.getRequestMethod();
            try {
                if (features.resource() && path.startsWith("/cdh/resource/")) {
                    requireMethod(method, "GET");
                    resource(exchange, path.substring("/cdh/resource/".length()));
                } else if (features.attestation() && path.equals("/aa/token")) {
                    requireMethod(method, "GET");
                    String type = query(uri).get("token_type");
                    if (type == null || type.isEmpty()) {
                        throw new HttpProblem(400, "missing token_type");
                    }
                    byte[] token = call(() -> agent.call(AttestationAgentService.GET_TOKEN,
                            GetTokenRequest.newBuilder().setTokenType(type).build(), TIMEOUT).getToken().toByteArray());
                    respond(exchange, 200, "application/octet-stream", token);
                } else if (features.attestation() && path.equals("/aa/evidence")) {
                    requireMethod(method, "GET");
                    byte[] runtimeData = runtimeData(uri);
                    byte[] evidence = call(() -> agent.call(AttestationAgentService.GET_EVIDENCE,
                            GetEvidenceRequest.newBuilder().setRuntimeData(ByteString.copyFrom(runtimeData)).build(), TIMEOUT)
                            .getEvidence().toByteArray());
                    respond(exchange, 200, "application/octet-stream", evidence);
                } else if (features.attestation() && path.equals("/aa/additional-evidence")) {
                    requireMethod(method, "GET");
                    byte[] runtimeData = runtimeData(uri);
                    byte[] evidence = call(() -> agent.call(AttestationAgentService.GET_ADDITIONAL_EVIDENCE,
                            GetAdditionalEvidenceRequest.newBuilder().setRuntimeData(ByteString.copyFrom(runtimeData)).build(), TIMEOUT)
                            .getEvidence().toByteArray());
                    respond(exchange, 200, "application/octet-stream", evidence);
                } else if (features.attestation() && path.equals("/aa/aael")) {
                    requireMethod(method, "POST");
                    aael(exchange);
                } else {
                    throw new HttpProblem(404, "no such endpoint");
                }
            } catch (HttpProblem e) {
                respond(exchange, e.status, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.debug("REST exchange failed: {}", e.getMessage());
        }
    }

    private void resource(HttpExchange exchange, String rawPath) throws IOException, HttpProblem {
        String[] segments = rawPath.split("/", -1);
        if (segments.length != 3) {
            throw new HttpProblem(400, "expected /cdh/resource/<repository>/<type>/<tag>");
        }
        byte[] resource = call(() -> hub.call(ConfidentialDataHubService.GET_RESOURCE,
                GetResourceRequest.newBuilder().setResourcePath("kbs:///" + rawPath).build(), TIMEOUT).getResource().toByteArray());
        respond(exchange, 200, "application/octet-stream", resource);
    }

    private void aael(HttpExchange exchange) throws IOException, HttpProblem {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new HttpProblem(413, "the event is too large");
        }
        JsonNode event;
        try {
            event = Json.readTree(body);
        } catch (IOException e) {
            throw new HttpProblem(400, "the body is not JSON");
        }
        if (event == null || !event.path("domain").isTextual() || !event.path("operation").isTextual() || !event.path("content").isTextual()) {
            throw new HttpProblem(400, "expected {\"domain\",\"operation\",\"content\"} strings");
        }
        RuntimeMeasurementResult result = call(() -> agent.call(AttestationAgentService.EXTEND_RUNTIME_MEASUREMENT,
                ExtendRuntimeMeasurementRequest.newBuilder().setDomain(event.get("domain").textValue())
                        .setOperation(event.get("operation").textValue()).setContent(event.get("content").textValue()).build(), TIMEOUT)
                .getResult());
        if (result != RuntimeMeasurementResult.OK) {
            throw new HttpProblem(501, "runtime measurement is " + (result == RuntimeMeasurementResult.NOT_ENABLED ? "not enabled" : "not supported"));
        }
        respond(exchange, 200, "application/json", "{\"success\":\"true\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] runtimeData(URI uri) throws HttpProblem {
        Map<String, String> query = query(uri);
        String data = query.get("runtime_data");
        if (data == null) {
            throw new HttpProblem(400, "missing runtime_data");
        }
        String encoding = query.get("encoding");
        if (encoding == null) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        if (!encoding.equals("base64")) {
            throw new HttpProblem(400, "unknown encoding '" + encoding + "' (expected base64)");
        }
        try {
            return Base64.getUrlDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "runtime_data is not base64url");
        }
    }

    private static Map<String, String> query(URI uri) throws HttpProblem {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(400, "malformed query string");
            }
        }
        return values;
    }

    private static void requireMethod(String method, String expected) throws HttpProblem {
        if (!method.equals(expected)) {
            throw new HttpProblem(405, "use " + expected);
        }
    }

    private interface Call<T> {
        T run() throws RpcStatusException;
    }

    private static <T> T call(Call<T> call) throws HttpProblem {
        try {
            return call.run();
        } catch (RpcStatusException e) {
            int status = switch (e.code()) {
                case INVALID_ARGUMENT -> 400;
                case NOT_FOUND -> 404;
                case UNIMPLEMENTED -> 501;
                case UNAVAILABLE, DEADLINE_EXCEEDED -> 503;
                default -> 500;
            };
            throw new HttpProblem(status, e.getMessage());
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static final class HttpProblem extends Exception {
        final int status;

        HttpProblem(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
