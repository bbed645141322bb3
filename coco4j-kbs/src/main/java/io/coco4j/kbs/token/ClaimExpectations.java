package io.coco4j.kbs.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.AttestationTokenConfig;

import java.util.List;
import java.util.Optional;

/**
 * What a token's {@code iss} and {@code aud} must say, when the operator says anything: with
 * issuers configured, {@code iss} must be one of them; with an audience configured, a token that
 * names audiences must name this one. A token without {@code aud} passes (EAR tokens carry none);
 * nothing configured checks nothing, as the reference.
 *
 * @param issuers  accepted {@code iss} values; empty: any
 * @param audience this KBS's name among a token's {@code aud}; empty: not checked
 */
public record ClaimExpectations(List<String> issuers, Optional<String> audience) {

    public ClaimExpectations {
        issuers = List.copyOf(issuers);
    }

    /** The expectations {@code [attestation_token]} configures. */
    public static ClaimExpectations of(AttestationTokenConfig config) {
        return new ClaimExpectations(config.expectedIssuers(), config.expectedAudience());
    }

    public static ClaimExpectations none() {
        return new ClaimExpectations(List.of(), Optional.empty());
    }

    /** The same with {@code issuer} accepted too, when issuers are checked at all. */
    public ClaimExpectations alsoAccepting(String issuer) {
        if (issuers.isEmpty() || issuers.contains(issuer)) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(issuers);
        all.add(issuer);
        return new ClaimExpectations(all, audience);
    }

    void check(JsonNode claims) throws TokenVerificationException {
        if (!issuers.isEmpty()) {
            JsonNode iss = claims.get("iss");
            if (iss == null || !iss.isTextual() || !issuers.contains(iss.textValue())) {
                throw new TokenVerificationException("the token's issuer " + (iss == null ? "(none)" : iss.toString())
                        + " is not one of the expected issuers " + issuers);
            }
        }
        JsonNode aud = claims.get("aud");
        if (audience.isPresent() && aud != null) {
            boolean named = aud.isTextual() ? aud.textValue().equals(audience.get())
                    : aud.isArray() && java.util.stream.StreamSupport.stream(aud.spliterator(), false)
                            .anyMatch(a -> a.isTextual() && a.textValue().equals(audience.get()));
            if (!named) {
                throw new TokenVerificationException("the token is for audience " + aud + ", not for \"" + audience.get() + "\"");
            }
        }
    }
}
