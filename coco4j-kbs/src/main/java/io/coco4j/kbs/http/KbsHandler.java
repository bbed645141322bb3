package io.coco4j.kbs.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.api.ApiRequest;
import io.coco4j.kbs.api.ApiResponse;
import io.coco4j.kbs.api.KbsApi;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.rvps.ReferenceValueApi;
import io.coco4j.kbs.rvps.ReferenceValueApiException;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.KbsProtocol;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns HTTP requests into {@link ApiRequest}s and {@link ApiResponse}s or error bodies back into
 * HTTP. Everything below {@code /kbs/v0/} goes to the KBS API, below {@code /rvps/v0/} to the RVPS
 * API; {@code /healthz} and the JWKS are here.
 */
public final class KbsHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(KbsHandler.class);
    private static final Set<String> API_METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    private final KbsApi api;
    private final Optional<ReferenceValueApi> referenceValues;
    private final Supplier<ObjectNode> jwks;
    private final long maxBodyBytes;

    public KbsHandler(KbsApi api, Supplier<ObjectNode> jwks, long maxBodyBytes) {
        this(api, Optional.empty(), jwks, maxBodyBytes);
    }

    /** @param referenceValues the RVPS REST API below {@code /rvps/v0/}, when the RVPS runs in this process */
    public KbsHandler(KbsApi api, Optional<ReferenceValueApi> referenceValues, Supplier<ObjectNode> jwks, long maxBodyBytes) {
        this.api = api;
        this.referenceValues = referenceValues;
        this.jwks = jwks;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            if (path.startsWith(KbsProtocol.API_PREFIX) && API_METHODS.contains(method)) {
                send(response, callback, api.handle(apiRequest(request, method, path, KbsProtocol.API_PREFIX)));
            } else if (path.startsWith(ReferenceValueApi.PREFIX) && referenceValues.isPresent() && API_METHODS.contains(method)) {
                try {
                    send(response, callback, referenceValues.get().handle(apiRequest(request, method, path, ReferenceValueApi.PREFIX)));
                } catch (ReferenceValueApiException e) {
                    ErrorBodies.write(response, callback, e.status(), e.toErrorInformation());
                }
            } else if (path.equals("/healthz") && method.equals("GET")) {
                send(response, callback, new ApiResponse(200, "text/plain", new byte[0], Optional.empty()));
            } else if (path.equals("/.well-known/jwks.json") && method.equals("GET")) {
                send(response, callback, ApiResponse.json(Json.writeBytes(jwks.get())));
            } else {
                throw new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH, "no endpoint " + method + " " + path);
            }
        } catch (KbsApiException e) {
            ErrorBodies.write(response, callback, e.httpStatus(), e.toErrorInformation());
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", method, path, e);
            ErrorBodies.write(response, callback, 500, new ErrorInformation(
                    KbsErrorType.TYPE_PREFIX + "InternalError", "internal error; see the KBS log"));
        }
        return true;
    }

    private ApiRequest apiRequest(Request request, String method, String path, String prefix) throws KbsApiException {
        // the body first, so a refused path still leaves the connection in a clean state
        byte[] body = readBody(request);
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new UnsupportedContentEncodingException(encoding);
        }
        String rest = path.substring(prefix.length());
        List<String> segments = new ArrayList<>();
        for (String raw : rest.split("/", -1)) {
            segments.add(decode(raw));
        }
        String name = segments.remove(0);
        String query = request.getHttpURI().getQuery();
        String target = query == null ? path : path + "?" + query;
        Optional<String> cookie = Optional.empty();
        for (HttpCookie c : Request.getCookies(request)) {
            if (KbsProtocol.SESSION_COOKIE.equals(c.getName())) {
                cookie = Optional.of(c.getValue());
            }
        }
        Optional<String> authorization = Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        return new ApiRequest(method, name, segments, parseQuery(query), target, cookie, authorization, body);
    }

    private byte[] readBody(Request request) throws KbsApiException {
        long declared = request.getLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 && declared <= maxBodyBytes ? (int) declared : 256);
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > maxBodyBytes) {
                drain(in, buffer);
                throw new BodyTooLargeException(maxBodyBytes);
            }
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBodyBytes) {
                    drain(in, buffer);
                    throw new BodyTooLargeException(maxBodyBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new KbsApiException(KbsErrorType.HTTP_FAILED, "could not read the request body: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops what is left of an oversized body, up to a bound, so the client (still sending)
     * receives the 413 instead of a reset connection. Beyond the bound the connection is closed.
     */
    private void drain(InputStream in, byte[] buffer) throws IOException {
        long budget = Math.max(maxBodyBytes * 4, 16L * 1024 * 1024);
        for (int n = in.read(buffer); n >= 0 && budget > 0; n = in.read(buffer)) {
            budget -= n;
        }
    }

    private static String decode(String segment) throws KbsApiException {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH, "malformed percent-encoding in the path");
        }
    }

    private static Map<String, String> parseQuery(String query) throws KbsApiException {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        try {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        } catch (IllegalArgumentException e) {
            throw new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH, "malformed query string");
        }
        return params;
    }

    private static void send(Response response, Callback callback, ApiResponse answer) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.setCookie().ifPresent(c -> response.getHeaders().add(HttpHeader.SET_COOKIE, c));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
