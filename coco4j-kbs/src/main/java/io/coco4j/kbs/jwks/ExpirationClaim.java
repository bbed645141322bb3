package io.coco4j.kbs.jwks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** The mandatory {@code exp} claim, checked with the reference's 60-second leeway. */
public final class ExpirationClaim {

    public static final Duration LEEWAY = Duration.ofSeconds(60);

    private ExpirationClaim() {
    }

    /** The token's expiry; a missing or non-numeric {@code exp} is an error. */
    public static Instant read(JsonNode claims) throws JwsException {
        JsonNode exp = claims.get("exp");
        if (exp == null || exp.isNull()) {
            throw new JwsException("the token has no \"exp\" (expiry) claim");
        }
        // Up to the end of year 9999, beyond which no real token expires.
        if (!exp.isNumber() || exp.asDouble() < 0 || exp.asDouble() > 253_402_300_799d) {
            throw new JwsException("the token's \"exp\" claim is not a NumericDate");
        }
        return Instant.ofEpochSecond((long) Math.floor(exp.asDouble()));
    }

    /** True when {@code now} is more than the leeway past {@code expiry}. */
    public static boolean hasExpired(Instant expiry, Instant now) {
        return now.isAfter(expiry.plus(LEEWAY));
    }
}
