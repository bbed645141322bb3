package io.coco4j.kbs.http;

import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.limits.TokenBuckets;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.rcar.KbsProtocol;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Set;

/**
 * {@code limits.rate_limit}: a token bucket per client IP address over {@code POST /kbs/v0/auth} and
 * {@code POST /kbs/v0/attest}, the two requests anyone may send and that cost the KBS a session or a
 * verification. Over the limit: 429 with {@code Retry-After} and the usual error body. Behind a proxy
 * every client shares the proxy's address; such deployments limit at the proxy and turn this off.
 */
public final class RateLimiting extends Handler.Wrapper {

    private static final Set<String> LIMITED = Set.of(KbsProtocol.API_PREFIX + "auth", KbsProtocol.API_PREFIX + "attest");

    private final TokenBuckets buckets;

    public RateLimiting(Handler handler, TokenBuckets buckets) {
        super(handler);
        this.buckets = buckets;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!request.getMethod().equals("POST") || !LIMITED.contains(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        long waitNanos = buckets.take(Request.getRemoteAddr(request));
        if (waitNanos == 0) {
            return super.handle(request, response, callback);
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        request.setAttribute(Limit.REQUEST_ATTRIBUTE, Limit.RATE_LIMIT);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
        ErrorBodies.write(response, callback, KbsErrorType.TOO_MANY_REQUESTS.httpStatus(), ErrorInformation.of(
                KbsErrorType.TOO_MANY_REQUESTS, "too many requests from this address to " + request.getHttpURI().getPath()
                        + "; retry in " + seconds + " s (" + Limit.RATE_LIMIT.configKey() + ")"));
        return true;
    }
}
