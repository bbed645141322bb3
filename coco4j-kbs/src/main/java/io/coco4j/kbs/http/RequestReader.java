package io.coco4j.kbs.http;

import io.coco4j.kbs.api.ApiRequest;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.rcar.KbsProtocol;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads Jetty requests for the services' APIs: the bounded body, and the request as an {@link ApiRequest}. */
final class RequestReader {

    /** The methods the APIs answer; others fall through to "no endpoint". */
    static final Set<String> API_METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    private RequestReader() {
    }

    /** The request below {@code prefix} as the APIs take it: name, path segments, query, cookie, authorization, body. */
    static ApiRequest apiRequest(Request request, String path, String prefix, long maxBodyBytes) throws KbsApiException {
        String method = request.getMethod();
        // the body first, so a refused path still leaves the connection in a clean state
        byte[] body = body(request, maxBodyBytes);
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

    /** The whole body, refused beyond {@code maxBodyBytes} with a {@link BodyTooLargeException}. */
    static byte[] body(Request request, long maxBodyBytes) throws KbsApiException {
        long declared = request.getLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 && declared <= maxBodyBytes ? (int) declared : 256);
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > maxBodyBytes) {
                drain(in, buffer, maxBodyBytes);
                throw new BodyTooLargeException(maxBodyBytes);
            }
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBodyBytes) {
                    drain(in, buffer, maxBodyBytes);
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
    private static void drain(InputStream in, byte[] buffer, long maxBodyBytes) throws IOException {
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
}
