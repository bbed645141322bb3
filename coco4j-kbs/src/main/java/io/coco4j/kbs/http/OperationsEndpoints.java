package io.coco4j.kbs.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.metrics.KbsMetrics;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /metrics} (Prometheus text format) and {@code GET /readyz} (200, or 503 naming what is
 * down), on the KBS's own port as the reference serves {@code /metrics}; neither needs credentials, and
 * neither tells more than counts and up/down. Other methods get 405. Everything else goes on.
 */
public final class OperationsEndpoints extends Handler.Wrapper {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final KbsMetrics metrics;
    private final Readiness readiness;

    public OperationsEndpoints(Handler handler, KbsMetrics metrics, Readiness readiness) {
        super(handler);
        this.metrics = metrics;
        this.readiness = readiness;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!path.equals(RouteTemplates.METRICS) && !path.equals(RouteTemplates.READINESS)) {
            return super.handle(request, response, callback);
        }
        if (!request.getMethod().equals("GET")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            ErrorBodies.write(response, callback, 405, new ErrorInformation(KbsErrorType.INVALID_REQUEST_PATH.typeUri(),
                    "only GET " + path));
            return true;
        }
        if (path.equals(RouteTemplates.METRICS)) {
            write(response, callback, 200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8));
        } else {
            ready(response, callback);
        }
        return true;
    }

    /** {@code {"status":"ready","checks":{"storage":"up",...}}}, or 503 with {@code "unavailable"} and {@code "down":[...]}. */
    private void ready(Response response, Callback callback) {
        Map<String, Boolean> results = readiness.check();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode checks = JsonNodeFactory.instance.objectNode();
        ArrayNode down = JsonNodeFactory.instance.arrayNode();
        results.forEach((name, up) -> {
            checks.put(name, up ? "up" : "down");
            if (!up) {
                down.add(name);
            }
        });
        body.put("status", down.isEmpty() ? "ready" : "unavailable");
        if (!down.isEmpty()) {
            body.set("down", down);
        }
        body.set("checks", checks);
        write(response, callback, down.isEmpty() ? 200 : 503, "application/json", Json.writeBytes(body));
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
