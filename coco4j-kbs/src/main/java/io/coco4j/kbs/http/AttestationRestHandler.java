package io.coco4j.kbs.http;

import io.coco4j.as.rest.AttestationRestApi;
import io.coco4j.as.rest.RestResponse;
import io.coco4j.kbs.api.KbsApiException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Carries the AS REST API ({@link AttestationRestApi}) over Jetty; a body over the limit is refused with 413. */
public final class AttestationRestHandler extends Handler.Abstract {

    private final AttestationRestApi api;
    private final long maxBodyBytes;

    public AttestationRestHandler(AttestationRestApi api, long maxBodyBytes) {
        this.api = api;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RestResponse answer;
        try {
            byte[] body = RequestReader.body(request, maxBodyBytes);
            answer = api.handle(request.getMethod(), request.getHttpURI().getPath(),
                    Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)), body);
        } catch (KbsApiException e) {
            answer = RestResponse.text(e instanceof BodyTooLargeException ? 413 : 400, e.getMessage());
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }
}
