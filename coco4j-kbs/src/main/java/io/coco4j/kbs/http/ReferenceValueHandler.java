package io.coco4j.kbs.http;

import io.coco4j.kbs.api.ApiResponse;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.rvps.ReferenceValueApi;
import io.coco4j.kbs.rvps.ReferenceValueApiException;
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
 * Carries the RVPS REST API ({@link ReferenceValueApi}, below {@code /rvps/v0/}) over Jetty: on its
 * own for {@code coco4j rvps serve}, with {@code /healthz}, or inside the KBS's {@link KbsHandler}.
 */
public final class ReferenceValueHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceValueHandler.class);

    private final ReferenceValueApi api;
    private final long maxBodyBytes;

    public ReferenceValueHandler(ReferenceValueApi api, long maxBodyBytes) {
        this.api = api;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Whether the request is one for the RVPS API. */
    static boolean serves(String method, String path) {
        return path.startsWith(ReferenceValueApi.PREFIX) && RequestReader.API_METHODS.contains(method);
    }

    /** Answers a request {@link #serves} accepts. */
    void serve(Request request, Response response, Callback callback) throws KbsApiException {
        try {
            ResponseWriter.send(response, callback, api.handle(RequestReader.apiRequest(request, request.getHttpURI().getPath(),
                    ReferenceValueApi.PREFIX, maxBodyBytes)));
        } catch (ReferenceValueApiException e) {
            ErrorBodies.write(response, callback, e.status(), e.toErrorInformation());
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            if (serves(method, path)) {
                serve(request, response, callback);
            } else if (path.equals("/healthz") && method.equals("GET")) {
                ResponseWriter.send(response, callback, new ApiResponse(200, "text/plain", new byte[0], Optional.empty()));
            } else {
                throw new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH, "no endpoint " + method + " " + path);
            }
        } catch (KbsApiException e) {
            ErrorBodies.write(response, callback, e.httpStatus(), e.toErrorInformation());
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", method, path, e);
            ErrorBodies.write(response, callback, 500, new ErrorInformation(
                    KbsErrorType.TYPE_PREFIX + "InternalError", "internal error; see the RVPS log"));
        }
        return true;
    }
}
