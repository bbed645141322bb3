package io.coco4j.kbs.http;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: the caller's {@code X-Request-Id} when it is a plain token (so a proxy's id follows the
 * request through), else a random UUID. Anything else is dropped: the id goes into every log line,
 * where a newline or a quote could forge entries.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String of(String header) {
        return header != null && WELL_FORMED.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }
}
