package io.coco4j.kbs.http;

import io.coco4j.kbs.api.ApiResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/** Writes an {@link ApiResponse} as the HTTP answer. */
final class ResponseWriter {

    private ResponseWriter() {
    }

    static void send(Response response, Callback callback, ApiResponse answer) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.setCookie().ifPresent(c -> response.getHeaders().add(HttpHeader.SET_COOKIE, c));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
