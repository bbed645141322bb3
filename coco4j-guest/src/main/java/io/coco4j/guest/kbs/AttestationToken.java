package io.coco4j.guest.kbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.jose.Base64Url;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The attestation token (an EAR JWT) the KBS issued at {@code /attest}. The guest only reads
 * {@code exp} and {@code nbf} from the payload to decide when to re-attest; the signature is the
 * KBS's business, as in the reference client. The raw token is a bearer credential and is never
 * printed by {@link #toString()}.
 */
public final class AttestationToken {

    private final String jwt;
    private final JsonNode claims;
    private final Instant expiresAt;
    private final Instant notBefore;

    private AttestationToken(String jwt, JsonNode claims, Instant expiresAt, Instant notBefore) {
        this.jwt = jwt;
        this.claims = claims;
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
    }

    /** Reads a compact JWS; refuses anything that is not three parts with a JSON object payload. */
    public static AttestationToken parse(String jwt) throws KbsProtocolException {
        Objects.requireNonNull(jwt, "jwt");
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new KbsProtocolException("the attestation token is not a compact JWT (expected 3 dot-separated parts, got "
                    + parts.length + ")");
        }
        JsonNode claims;
        try {
            claims = Json.readTree(Base64Url.decode(parts[1], "token payload"));
        } catch (IOException | IllegalArgumentException e) {
            throw new KbsProtocolException("the attestation token payload is not base64url JSON", e);
        }
        if (claims == null || !claims.isObject()) {
            throw new KbsProtocolException("the attestation token payload is not a JSON object");
        }
        return new AttestationToken(jwt, claims, instantClaim(claims, "exp"), instantClaim(claims, "nbf"));
    }

    private static Instant instantClaim(JsonNode claims, String name) throws KbsProtocolException {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new KbsProtocolException("the attestation token claim '" + name + "' is not a non-negative integer");
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    /** The compact JWT as received: what {@code Authorization: Bearer} carries. */
    public String jwt() {
        return jwt;
    }

    /** A copy of the payload claims. */
    public JsonNode claims() {
        return claims.deepCopy();
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /**
     * Whether the token may be used at {@code now}: {@code now <= exp} and {@code now >= nbf}, each
     * checked only when the claim is present. Compared in whole seconds, as the claims are.
     */
    public boolean isValidAt(Instant now) {
        long seconds = now.getEpochSecond();
        if (expiresAt != null && seconds > expiresAt.getEpochSecond()) {
            return false;
        }
        return notBefore == null || seconds >= notBefore.getEpochSecond();
    }

    @Override
    public String toString() {
        return "AttestationToken[exp=" + expiresAt + ", nbf=" + notBefore + "]";
    }
}
