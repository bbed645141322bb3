package io.coco4j.as.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.as.InitDataInput;
import io.coco4j.as.InvalidAttestationRequestException;
import io.coco4j.as.RuntimeDataInput;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.tee.Tee;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The fields of the reference's AS requests, REST and gRPC alike, decoded into the service's types.
 * Base64 fields are URL-safe; padding is accepted but not required. Each bad field is refused with
 * an {@link InvalidAttestationRequestException} that names it.
 */
public final class RequestFields {

    /** The policy id used when a request names none. */
    public static final String DEFAULT_POLICY_ID = "default";

    private RequestFields() {
    }

    public static Tee tee(String name) throws InvalidAttestationRequestException {
        if (name == null || name.isEmpty()) {
            throw new InvalidAttestationRequestException("tee is missing");
        }
        return Tee.fromWireName(name).orElseThrow(() -> new InvalidAttestationRequestException("unknown tee '" + name + "'"));
    }

    /** {@code evidence}: base64url of the evidence JSON text. */
    public static JsonNode evidence(String base64url) throws InvalidAttestationRequestException {
        if (base64url == null || base64url.isEmpty()) {
            throw new InvalidAttestationRequestException("evidence is missing");
        }
        byte[] text = base64url(base64url, "evidence");
        try {
            JsonNode evidence = Json.readTree(text);
            if (evidence == null || evidence.isMissingNode()) {
                throw new InvalidAttestationRequestException("evidence is empty");
            }
            return evidence;
        } catch (IOException e) {
            throw new InvalidAttestationRequestException("evidence is not JSON once base64url-decoded");
        }
    }

    /** Raw runtime data: base64url of the exact expected report data. */
    public static RuntimeDataInput rawRuntimeData(String base64url) throws InvalidAttestationRequestException {
        return RuntimeDataInput.raw(base64url(base64url, "raw runtime data"));
    }

    /** Structured runtime data given as JSON text (gRPC's {@code structured_runtime_data}). */
    public static RuntimeDataInput structuredRuntimeData(String jsonText) throws InvalidAttestationRequestException {
        try {
            JsonNode value = Json.readTree(jsonText);
            if (value == null || value.isMissingNode()) {
                throw new InvalidAttestationRequestException("structured runtime data is empty");
            }
            return RuntimeDataInput.structured(value);
        } catch (IOException e) {
            throw new InvalidAttestationRequestException("structured runtime data is not JSON");
        }
    }

    /** {@code init_data_digest}: base64url of the digest. */
    public static InitDataInput initDataDigest(String base64url) throws InvalidAttestationRequestException {
        return InitDataInput.digest(base64url(base64url, "init_data_digest"));
    }

    /** {@code runtime_data_hash_algorithm}: {@code sha256}, {@code sha384} or {@code sha512}; absent or empty means sha384. */
    public static HashAlgorithm hashAlgorithm(String name) throws InvalidAttestationRequestException {
        if (name == null || name.isEmpty()) {
            return HashAlgorithm.SHA384;
        }
        return HashAlgorithm.fromWireName(name).orElseThrow(() -> new InvalidAttestationRequestException(
                "unknown runtime_data_hash_algorithm '" + name + "' (sha256, sha384 or sha512)"));
    }

    /** {@code policy_ids}: empty means {@code ["default"]}. */
    public static List<String> policyIds(List<String> ids) {
        return ids == null || ids.isEmpty() ? List.of(DEFAULT_POLICY_ID) : List.copyOf(ids);
    }

    /** A policy upload's {@code policy}: base64url (no padding) of UTF-8 Rego text. */
    public static String policyText(String base64url) throws InvalidAttestationRequestException {
        if (base64url == null || base64url.isEmpty()) {
            throw new InvalidAttestationRequestException("policy is missing");
        }
        byte[] bytes = base64url(base64url, "policy");
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidAttestationRequestException("policy is not UTF-8 text once base64url-decoded");
        }
    }

    private static byte[] base64url(String text, String field) throws InvalidAttestationRequestException {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidAttestationRequestException(field + " is not base64url");
        }
    }
}
