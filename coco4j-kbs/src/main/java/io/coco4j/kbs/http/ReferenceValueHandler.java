package io.coco4j.kbs.http;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.rvps.ReferenceValueApi;
import io.coco4j.kbs.rvps.ReferenceValueApiException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Carries the RVPS REST API ({@link ReferenceValueApi}, below {@code /rvps/v0/}) over Jetty: on its
 * own for {@code coco4j rvps serve}, with {@code /healthz}, or inside the KBS's {@link KbsHandler}.
 */
public final class ReferenceValueHandler extends ApiHandler {

    private final ReferenceValueApi api;
    private final long maxBodyBytes;

    public ReferenceValueHandler(ReferenceValueApi api, long maxBodyBytes) {
        super("RVPS");
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
    boolean route(Request request, Response response, Callback callback, String method, String path) throws KbsApiException {
        if (!serves(method, path)) {
            return false;
        }
        serve(request, response, callback);
        return true;
    }
}
