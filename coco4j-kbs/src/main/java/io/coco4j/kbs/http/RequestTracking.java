package io.coco4j.kbs.http;

import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.metrics.KbsMetrics;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Set;

/**
 * Follows each request from arrival to the last byte of its answer: gives it a request id (in the
 * {@code X-Request-Id} response header and, as {@code request_id}, in the MDC of every log line
 * written while it is handled), counts and times it by route template, counts the bound it hit if
 * any, and writes one access log line (logger {@code io.coco4j.kbs.access}: method, route, status,
 * time; never the query, a header or a body). {@code /metrics} itself is not counted, as in the reference.
 */
public final class RequestTracking extends Handler.Wrapper {

    public static final String MDC_KEY = "request_id";
    private static final Logger ACCESS = LoggerFactory.getLogger("io.coco4j.kbs.access");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> PROBES = Set.of(RouteTemplates.METRICS, RouteTemplates.HEALTH, RouteTemplates.READINESS);

    private final KbsMetrics metrics;
    private final RouteTemplates routes;

    public RequestTracking(Handler handler, KbsMetrics metrics, RouteTemplates routes) {
        super(handler);
        this.metrics = metrics;
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String id = RequestIds.of(request.getHeaders().get(RequestIds.HEADER));
        response.getHeaders().put(RequestIds.HEADER, id);
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        String route = routes.of(request.getHttpURI().getPath());
        Callback tracked = new Completion(callback, () -> completed(request, response, id, method, route, start));
        MDC.put(MDC_KEY, id);
        try {
            return super.handle(request, response, tracked);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private void completed(Request request, Response response, String id, String method, String route, long start) {
        long nanos = System.nanoTime() - start;
        int status = response.getStatus();
        if (!route.equals(RouteTemplates.METRICS)) {
            metrics.request(route, method, status, nanos);
        }
        if (request.getAttribute(Limit.REQUEST_ATTRIBUTE) instanceof Limit limit) {
            metrics.limitHit(limit);
        }
        MDC.put(MDC_KEY, id);
        try {
            String millis = millis(nanos);
            if (PROBES.contains(route)) {
                ACCESS.debug("{} {} {} {} ms", method, route, status, millis);
            } else {
                ACCESS.info("{} {} {} {} ms", method, route, status, millis);
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** {@code nanos} as milliseconds with one decimal, rounded half up (String.format costs more than the rest of the line). */
    static String millis(long nanos) {
        long tenths = (nanos + 50_000) / 100_000;
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** Runs {@code first} when the response is complete, before the request is handed back to Jetty. */
    private record Completion(Callback delegate, Runnable first) implements Callback {
        @Override
        public void succeeded() {
            try {
                first.run();
            } finally {
                delegate.succeeded();
            }
        }

        @Override
        public void failed(Throwable failure) {
            try {
                first.run();
            } finally {
                delegate.failed(failure);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return delegate.getInvocationType();
        }
    }
}
