package io.coco4j.kbs.http;

import io.coco4j.kbs.limits.Limit;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/** Writes the {@code {type, detail}} error body, also for errors the HTTP engine raises itself. */
final class ErrorBodies extends ErrorHandler {

    private final Runnable onHeaderTooLarge;

    /** @param onHeaderTooLarge told of every request refused for its header size (for metrics) */
    ErrorBodies(Runnable onHeaderTooLarge) {
        this.onHeaderTooLarge = onHeaderTooLarge;
    }

    static void write(Response response, Callback callback, int status, ErrorInformation error) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.writeBytes(error)), callback);
    }

    /** Errors found before the KBS saw the request: oversized headers, malformed URIs, bad methods. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        KbsErrorType type = switch (status) {
            // 400 here is a request target the HTTP engine refuses (ambiguous or encoded separators, bad escapes)
            case 400, 404 -> KbsErrorType.INVALID_REQUEST_PATH;
            case 413 -> KbsErrorType.PAYLOAD_TOO_LARGE;
            case 431 -> KbsErrorType.REQUEST_HEADER_TOO_LARGE;
            default -> KbsErrorType.HTTP_FAILED;
        };
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        String detail = "HTTP " + status + (message == null ? "" : ": " + message);
        if (status == 431) {
            onHeaderTooLarge.run();
            detail += " (" + Limit.REQUEST_HEADER_SIZE.configKey() + ")";
        }
        write(response, callback, status, new ErrorInformation(type.typeUri(), detail));
        return true;
    }
}
