package io.coco4j.kbs.http;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.protocol.error.KbsErrorType;

/**
 * The request body carries a {@code Content-Encoding}: 415. The KBS never inflates a body (no
 * decompression bomb can reach it), and taking compressed bytes as they are would store or parse
 * something other than what the client meant.
 */
final class UnsupportedContentEncodingException extends KbsApiException {

    UnsupportedContentEncodingException(String encoding) {
        super(KbsErrorType.UNSUPPORTED_CONTENT_ENCODING, "request bodies are accepted without Content-Encoding only, not '"
                + encoding.strip().replaceAll("[^A-Za-z0-9 ,;=._-]", "?") + "'");
    }
}
