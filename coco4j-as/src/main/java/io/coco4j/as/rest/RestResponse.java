package io.coco4j.as.rest;

import java.nio.charset.StandardCharsets;

/** An answer of the AS REST API, for whichever HTTP server carries it. */
public record RestResponse(int status, String contentType, byte[] body) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";

    public RestResponse {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** A plain-text answer (the reference answers tokens, challenges and errors as text). */
    public static RestResponse text(int status, String text) {
        return new RestResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static RestResponse json(byte[] body) {
        return new RestResponse(200, JSON, body);
    }
}
