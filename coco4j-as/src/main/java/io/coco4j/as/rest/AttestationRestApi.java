package io.coco4j.as.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coco4j.as.AttestationException;
import io.coco4j.as.AttestationService;
import io.coco4j.as.InitDataInput;
import io.coco4j.as.InvalidAttestationRequestException;
import io.coco4j.as.RuntimeDataInput;
import io.coco4j.as.VerificationRequest;
import io.coco4j.as.api.RequestFields;
import io.coco4j.as.policy.PolicyException;
import io.coco4j.protocol.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference's AS REST API over an {@link AttestationService}, independent of the HTTP server:
 * <ul>
 *   <li>{@code POST /attestation} — evidence in, the EAR token as plain text out</li>
 *   <li>{@code POST /policy} — set a policy {@code {"policy_id","policy":"<base64url Rego>"}} (administrators only)</li>
 *   <li>{@code GET /policy} — the policy ids, {@code [{"policy-id":"default_cpu"},…]}</li>
 *   <li>{@code POST /challenge} — {@code {"tee","tee_params"}} → the supplemental challenge text</li>
 *   <li>{@code GET /.well-known/jwks.json}, {@code GET /healthz}</li>
 * </ul>
 * Errors are plain text, as in the reference, with a status that tells them apart: 400 for a request
 * that cannot be read, 403 for evidence or a policy the service refuses, 401 for a caller who may not
 * set policies, 404/405 for an unknown endpoint or method, 500 for the service's own failures.
 */
public final class AttestationRestApi {

    private static final Logger LOG = LoggerFactory.getLogger(AttestationRestApi.class);

    private final AttestationService service;
    private final PolicyAdministration administration;

    public AttestationRestApi(AttestationService service, PolicyAdministration administration) {
        this.service = service;
        this.administration = administration;
    }

    public RestResponse handle(String method, String path, Optional<String> authorization, byte[] body) {
        try {
            return switch (path) {
                case "/attestation" -> only(method, "POST") ? attestation(body) : notAllowed(method, "POST");
                case "/policy" -> switch (method) {
                    case "POST" -> setPolicy(method, path, authorization, body);
                    case "GET" -> listPolicies();
                    default -> notAllowed(method, "GET, POST");
                };
                case "/challenge" -> only(method, "POST") ? challenge(body) : notAllowed(method, "POST");
                case "/.well-known/jwks.json" -> only(method, "GET") ? RestResponse.json(Json.writeBytes(service.jwks())) : notAllowed(method, "GET");
                case "/healthz" -> only(method, "GET") ? new RestResponse(200, RestResponse.TEXT, new byte[0]) : notAllowed(method, "GET");
                default -> RestResponse.text(404, "no endpoint " + method + " " + path);
            };
        } catch (InvalidAttestationRequestException e) {
            return RestResponse.text(400, e.getMessage());
        } catch (AttestationException e) {
            LOG.info("attestation refused: {}", e.reason());
            return RestResponse.text(e.kind() == AttestationException.Kind.TOKEN ? 500 : 403, e.getMessage());
        } catch (PolicyException e) {
            return RestResponse.text(403, e.getMessage());
        } catch (PolicyAdministration.AdministrationRefusedException e) {
            return RestResponse.text(401, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", method, path, e);
            return RestResponse.text(500, "internal error; see the attestation service log");
        }
    }

    private static boolean only(String method, String allowed) {
        return allowed.equals(method);
    }

    private static RestResponse notAllowed(String method, String allowed) {
        return RestResponse.text(405, method + " is not allowed here (" + allowed + ")");
    }

    private RestResponse attestation(byte[] body) throws AttestationException {
        JsonNode request = object(body);
        JsonNode policyIds = request.get("policy_ids");
        if (policyIds == null || !policyIds.isArray()) {
            throw new InvalidAttestationRequestException("policy_ids is missing or not an array (give [] for the default policy)");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : policyIds) {
            if (!id.isTextual()) {
                throw new InvalidAttestationRequestException("policy_ids holds a value that is not a string");
            }
            ids.add(id.textValue());
        }
        JsonNode individual = request.get("verification_requests");
        if (individual == null || !individual.isArray()) {
            throw new InvalidAttestationRequestException("verification_requests is missing or not an array");
        }
        List<VerificationRequest> requests = new ArrayList<>();
        for (JsonNode item : individual) {
            requests.add(verificationRequest(item));
        }
        return RestResponse.text(200, service.evaluate(requests, RequestFields.policyIds(ids)));
    }

    private static VerificationRequest verificationRequest(JsonNode item) throws InvalidAttestationRequestException {
        if (!item.isObject()) {
            throw new InvalidAttestationRequestException("a verification request is not a JSON object");
        }
        RuntimeDataInput runtimeData = RuntimeDataInput.NONE;
        JsonNode runtime = present(item, "runtime_data");
        if (runtime != null) {
            if (runtime.has("raw") && runtime.size() == 1) {
                runtimeData = RequestFields.rawRuntimeData(text(runtime, "raw", "runtime_data.raw"));
            } else if (runtime.has("structured") && runtime.size() == 1) {
                runtimeData = RuntimeDataInput.structured(runtime.get("structured"));
            } else {
                throw new InvalidAttestationRequestException("runtime_data must be {\"raw\": \"<base64url>\"} or {\"structured\": <JSON>}");
            }
        }
        InitDataInput initData = InitDataInput.NONE;
        JsonNode init = present(item, "init_data");
        if (init != null) {
            if (init.has("init_data_digest") && init.size() == 1) {
                initData = RequestFields.initDataDigest(text(init, "init_data_digest", "init_data.init_data_digest"));
            } else if (init.has("init_data_toml") && init.size() == 1) {
                initData = InitDataInput.toml(text(init, "init_data_toml", "init_data.init_data_toml"));
            } else {
                throw new InvalidAttestationRequestException(
                        "init_data must be {\"init_data_digest\": \"<base64url>\"} or {\"init_data_toml\": \"<TOML>\"}");
            }
        }
        JsonNode algorithm = present(item, "runtime_data_hash_algorithm");
        return new VerificationRequest(RequestFields.tee(text(item, "tee", "tee")), RequestFields.evidence(text(item, "evidence", "evidence")),
                runtimeData, initData, RequestFields.hashAlgorithm(algorithm == null ? null : text(item, "runtime_data_hash_algorithm",
                        "runtime_data_hash_algorithm")));
    }

    private RestResponse setPolicy(String method, String path, Optional<String> authorization, byte[] body)
            throws AttestationException, PolicyException, PolicyAdministration.AdministrationRefusedException {
        administration.authorize(method, path, authorization);
        JsonNode request = object(body);
        String policyId = text(request, "policy_id", "policy_id");
        service.setPolicy(policyId, RequestFields.policyText(text(request, "policy", "policy")));
        LOG.info("attestation policy '{}' set over REST", policyId);
        return new RestResponse(200, RestResponse.TEXT, new byte[0]);
    }

    private RestResponse listPolicies() throws PolicyException {
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        for (String id : service.policyIds()) {
            ids.addObject().put("policy-id", id);
        }
        return RestResponse.json(Json.writeBytes(ids));
    }

    private RestResponse challenge(byte[] body) throws AttestationException {
        JsonNode request = object(body);
        return RestResponse.text(200, service.supplementalChallenge(RequestFields.tee(text(request, "tee", "tee"))));
    }

    private static JsonNode object(byte[] body) throws InvalidAttestationRequestException {
        JsonNode node;
        try {
            node = Json.readTree(body);
        } catch (IOException e) {
            throw new InvalidAttestationRequestException("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidAttestationRequestException("the body is not a JSON object");
        }
        return node;
    }

    private static JsonNode present(JsonNode object, String key) {
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode object, String key, String field) throws InvalidAttestationRequestException {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            throw new InvalidAttestationRequestException(field + " is missing");
        }
        if (!value.isTextual()) {
            throw new InvalidAttestationRequestException(field + " is not a string");
        }
        return value.textValue();
    }
}
