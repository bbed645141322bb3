package io.coco4j.kbs.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A successful KBS response: status 200 unless said otherwise, a content type, a body and maybe a cookie. */
public record ApiResponse(int status, String contentType, byte[] body, Optional<String> setCookie) {

    public static final String JSON = "application/json";
    /** The reference labels unencrypted plugin output and empty admin answers {@code text/xml}. */
    public static final String REFERENCE_PLAIN = "text/xml";

    public static ApiResponse json(byte[] body) {
        return new ApiResponse(200, JSON, body, Optional.empty());
    }

    public static ApiResponse json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse empty() {
        return new ApiResponse(200, REFERENCE_PLAIN, new byte[0], Optional.empty());
    }

    public ApiResponse withCookie(String cookie) {
        return new ApiResponse(status, contentType, body, Optional.of(cookie));
    }
}
