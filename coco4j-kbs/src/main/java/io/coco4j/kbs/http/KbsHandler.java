package io.coco4j.kbs.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.api.ApiRequest;
import io.coco4j.kbs.api.ApiResponse;
import io.coco4j.kbs.api.KbsApi;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.rvps.ReferenceValueApi;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.KbsProtocol;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns HTTP requests into {@link ApiRequest}s and {@link ApiResponse}s or error bodies back into
 * HTTP. Everything below {@code /kbs/v0/} goes to the KBS API, below {@code /rvps/v0/} to the RVPS
 * API; {@code /healthz} and the JWKS are here.
 */
public final class KbsHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(KbsHandler.class);

    private final KbsApi api;
    private final Optional<ReferenceValueHandler> referenceValues;
    private final Supplier<Optional<ObjectNode>> jwks;
    private final long maxBodyBytes;

    public KbsHandler(KbsApi api, Supplier<Optional<ObjectNode>> jwks, long maxBodyBytes) {
        this(api, Optional.empty(), jwks, maxBodyBytes);
    }

    /** @param referenceValues the RVPS REST API below {@code /rvps/v0/}, when the RVPS runs in this process */
    public KbsHandler(KbsApi api, Optional<ReferenceValueApi> referenceValues, Supplier<Optional<ObjectNode>> jwks, long maxBodyBytes) {
        this.api = api;
        this.referenceValues = referenceValues.map(rvps -> new ReferenceValueHandler(rvps, maxBodyBytes));
        this.jwks = jwks;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            if (path.startsWith(KbsProtocol.API_PREFIX) && RequestReader.API_METHODS.contains(method)) {
                ResponseWriter.send(response, callback, api.handle(RequestReader.apiRequest(request, path, KbsProtocol.API_PREFIX,
                        maxBodyBytes)));
            } else if (referenceValues.isPresent() && ReferenceValueHandler.serves(method, path)) {
                referenceValues.get().serve(request, response, callback);
            } else if (path.equals("/healthz") && method.equals("GET")) {
                ResponseWriter.send(response, callback, new ApiResponse(200, "text/plain", new byte[0], Optional.empty()));
            } else if (path.equals("/.well-known/jwks.json") && method.equals("GET")) {
                ObjectNode keys = jwks.get().orElseThrow(() -> new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH,
                        "this KBS uses a remote attestation service, which publishes its token keys itself"));
                ResponseWriter.send(response, callback, ApiResponse.json(Json.writeBytes(keys)));
            } else {
                throw new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH, "no endpoint " + method + " " + path);
            }
        } catch (KbsApiException e) {
            ErrorBodies.write(response, callback, e.httpStatus(), e.toErrorInformation());
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", method, path, e);
            ErrorBodies.write(response, callback, 500, new ErrorInformation(
                    KbsErrorType.TYPE_PREFIX + "InternalError", "internal error; see the KBS log"));
        }
        return true;
    }

}
