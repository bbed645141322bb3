package io.coco4j.kbs.rvps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.api.AdminGate;
import io.coco4j.kbs.api.ApiRequest;
import io.coco4j.kbs.api.ApiResponse;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;
import io.coco4j.rvps.ReferenceValue;
import io.coco4j.rvps.ReferenceValueStoreException;
import io.coco4j.rvps.Registration;
import io.coco4j.rvps.RvpsException;
import io.coco4j.rvps.UnsupportedExtractorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The RVPS REST API on the KBS's HTTP server, below {@code /rvps/v0/reference-values}:
 * <ul>
 *   <li>{@code POST} — register a message {@code {"version","type","payload"}}; answers what was registered</li>
 *   <li>{@code GET} — every value with its provenance, expired ones marked {@code "expired": true}</li>
 *   <li>{@code GET /{name}} — one value (404 when none), {@code DELETE /{name}} — remove it</li>
 * </ul>
 * A name that cannot travel in a path (one with {@code //}, as {@code rvps:///…} ids have) may be
 * given as the query parameter {@code name} instead: {@code GET /rvps/v0/reference-values?name=…}.
 * Every request needs the KBS admin authorisation. Admin ACLs are written for {@code /kbs} paths, so a
 * request here is authorised as its {@code /kbs/v0/reference-value[/{name}]} equivalent.
 */
public final class ReferenceValueApi {

    public static final String PREFIX = "/rvps/v0/";
    public static final String COLLECTION = "reference-values";
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceValueApi.class);

    private final BuiltinReferenceValueProvider rvps;
    private final AdminGate admin;

    public ReferenceValueApi(BuiltinReferenceValueProvider rvps, AdminGate admin) {
        this.rvps = rvps;
        this.admin = admin;
    }

    /**
     * @param request a request whose {@code name} is the first segment after {@code /rvps/v0/} and whose
     *                {@code path} is the rest (the value's name, slashes included)
     */
    public ApiResponse handle(ApiRequest request) throws ReferenceValueApiException {
        if (!COLLECTION.equals(request.name())) {
            throw new ReferenceValueApiException(404, "InvalidRequestPath", "no endpoint " + request.method() + " "
                    + PREFIX + request.name(), null);
        }
        String name = String.join("/", request.path());
        String byQuery = request.query().get("name");
        if (byQuery != null) {
            if (!name.isEmpty()) {
                throw new ReferenceValueApiException(400, "InvalidRequestPath", "give the name in the path or as ?name=, not both", null);
            }
            if (byQuery.isEmpty()) {
                throw new ReferenceValueApiException(400, "InvalidRequestPath", "the name parameter is empty", null);
            }
            name = byQuery;
        }
        authorize(request, name);
        try {
            if (name.isEmpty()) {
                return switch (request.method()) {
                    case "POST" -> register(request);
                    case "GET" -> list();
                    default -> throw notAllowed(request, "GET, POST");
                };
            }
            return switch (request.method()) {
                case "GET" -> get(name);
                case "DELETE" -> delete(name);
                default -> throw notAllowed(request, "GET, DELETE");
            };
        } catch (InvalidMessageException e) {
            throw new ReferenceValueApiException(400, "InvalidReferenceValueMessage", e.getMessage(), e);
        } catch (UnsupportedExtractorException e) {
            throw new ReferenceValueApiException(400, "UnsupportedReferenceValueType", e.getMessage(), e);
        } catch (ProvenanceException e) {
            throw new ReferenceValueApiException(400, "ProvenanceVerificationFailed", e.getMessage(), e);
        } catch (ReferenceValueStoreException e) {
            LOG.error("reference-value store failure: {}", e.getMessage());
            throw new ReferenceValueApiException(500, "RvpsError", e.getMessage(), e);
        } catch (RvpsException e) {
            throw new ReferenceValueApiException(500, "RvpsError", e.getMessage(), e);
        }
    }

    private void authorize(ApiRequest request, String name) throws ReferenceValueApiException {
        String equivalent = "/kbs/v0/reference-value" + (name.isEmpty() ? "" : "/" + name);
        ApiRequest asKbs = new ApiRequest(request.method(), "reference-value", request.path(), request.query(), equivalent,
                Optional.empty(), request.authorization(), request.body());
        try {
            admin.check(asKbs);
        } catch (KbsApiException e) {
            throw new ReferenceValueApiException(401, e.errorType().variant(), e.getMessage(), e);
        }
    }

    private ApiResponse register(ApiRequest request) throws RvpsException {
        String message;
        try {
            message = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(request.body())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException("the message is not UTF-8 text");
        }
        Registration registration = rvps.submit(message);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("provider", registration.provider());
        ArrayNode names = answer.putArray("registered");
        registration.names().forEach(names::add);
        answer.put("expiration", ReferenceValue.format(registration.expiration()));
        ArrayNode warnings = answer.putArray("warnings");
        registration.warnings().forEach(warnings::add);
        return ApiResponse.json(Json.writeBytes(answer));
    }

    private ApiResponse list() throws RvpsException {
        Instant now = rvps.now();
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        List<ReferenceValue> all = rvps.list();
        all.forEach(v -> values.add(v.toListingJson(now)));
        return ApiResponse.json(Json.writeBytes(values));
    }

    private ApiResponse get(String name) throws RvpsException, ReferenceValueApiException {
        ReferenceValue value = rvps.get(name).orElseThrow(() -> notFound(name));
        return ApiResponse.json(Json.writeBytes(value.toListingJson(rvps.now())));
    }

    private ApiResponse delete(String name) throws RvpsException, ReferenceValueApiException {
        if (!rvps.delete(name)) {
            throw notFound(name);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("deleted", name);
        return ApiResponse.json(Json.writeBytes(answer));
    }

    private static ReferenceValueApiException notFound(String name) {
        return new ReferenceValueApiException(404, "ReferenceValueNotFound", "no reference value named '" + name + "'", null);
    }

    private static ReferenceValueApiException notAllowed(ApiRequest request, String allowed) {
        return new ReferenceValueApiException(405, "MethodNotAllowed", request.method() + " is not allowed here (" + allowed + ")", null);
    }
}
