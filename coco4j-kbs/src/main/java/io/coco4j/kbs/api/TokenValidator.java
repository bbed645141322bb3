package io.coco4j.kbs.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Verifies an attestation token (from the session or a Bearer header) and returns its claims. */
@FunctionalInterface
public interface TokenValidator {

    /** @throws KbsApiException of type {@code TokenVerifierError} when the token is not trusted */
    JsonNode verify(String token) throws KbsApiException;
}
