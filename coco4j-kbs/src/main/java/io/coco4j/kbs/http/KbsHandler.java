package io.coco4j.kbs.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.api.ApiRequest;
import io.coco4j.kbs.api.ApiResponse;
import io.coco4j.kbs.api.KbsApi;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.rvps.ReferenceValueApi;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.KbsProtocol;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns HTTP requests into {@link ApiRequest}s and {@link ApiResponse}s or error bodies back into
 * HTTP. Everything below {@code /kbs/v0/} goes to the KBS API, below {@code /rvps/v0/} to the RVPS
 * API; {@code /healthz} and the JWKS are here.
 */
public final class KbsHandler extends ApiHandler {

    private final KbsApi api;
    private final Optional<ReferenceValueHandler> referenceValues;
    private final Supplier<Optional<ObjectNode>> jwks;
    private final long maxBodyBytes;

    public KbsHandler(KbsApi api, Supplier<Optional<ObjectNode>> jwks, long maxBodyBytes) {
        this(api, Optional.empty(), jwks, maxBodyBytes);
    }

    /** @param referenceValues the RVPS REST API below {@code /rvps/v0/}, when the RVPS runs in this process */
    public KbsHandler(KbsApi api, Optional<ReferenceValueApi> referenceValues, Supplier<Optional<ObjectNode>> jwks, long maxBodyBytes) {
        super("KBS");
        this.api = api;
        this.referenceValues = referenceValues.map(rvps -> new ReferenceValueHandler(rvps, maxBodyBytes));
        this.jwks = jwks;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    boolean route(Request request, Response response, Callback callback, String method, String path) throws KbsApiException {
        if (path.startsWith(KbsProtocol.API_PREFIX) && RequestReader.API_METHODS.contains(method)) {
            ResponseWriter.send(response, callback, api.handle(RequestReader.apiRequest(request, path, KbsProtocol.API_PREFIX,
                    maxBodyBytes)));
        } else if (referenceValues.isPresent() && ReferenceValueHandler.serves(method, path)) {
            referenceValues.get().serve(request, response, callback);
        } else if (path.equals("/.well-known/jwks.json") && method.equals("GET")) {
            ObjectNode keys = jwks.get().orElseThrow(() -> new KbsApiException(KbsErrorType.INVALID_REQUEST_PATH,
                    "this KBS uses a remote attestation service, which publishes its token keys itself"));
            ResponseWriter.send(response, callback, ApiResponse.json(Json.writeBytes(keys)));
        } else {
            return false;
        }
        return true;
    }
}
