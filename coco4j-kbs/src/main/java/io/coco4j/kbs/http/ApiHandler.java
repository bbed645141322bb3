package io.coco4j.kbs.http;

import io.coco4j.kbs.api.ApiResponse;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.limits.LimitExceeded;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * A service's API on Jetty: answers {@code GET /healthz}, routes everything else to the API, and
 * turns refusals into {@code {type, detail}} error bodies and faults into a logged 500.
 */
abstract class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final String service;

    /** @param service the service's name in the answer to a fault ("KBS", "RVPS") */
    ApiHandler(String service) {
        this.service = service;
    }

    /** Answers the request when it is one of the API's; false when no endpoint matches. */
    abstract boolean route(Request request, Response response, Callback callback, String method, String path) throws KbsApiException;

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            if (path.equals("/healthz") && method.equals("GET")) {
                ResponseWriter.send(response, callback, new ApiResponse(200, "text/plain", new byte[0], Optional.empty()));
            } else if (!route(request, response, callback, method, path)) {
                throw new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH, "no endpoint " + method + " " + path);
            }
        } catch (KbsApiException e) {
            if (e instanceof LimitExceeded bound) {
                request.setAttribute(Limit.REQUEST_ATTRIBUTE, bound.limit());
            }
            ErrorBodies.write(response, callback, e.httpStatus(), e.toErrorInformation());
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", method, path, e);
            ErrorBodies.write(response, callback, 500, new ErrorInformation(
                    KbsErrorType.TYPE_PREFIX + "InternalError", "internal error; see the " + service + " log"));
        }
        return true;
    }
}
