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

    /**
     * The optional {@code nbf} claim: absent is fine (EAR tokens carry none), present must be a
     * NumericDate not more than the leeway in the future.
     */
    public static void checkNotBefore(JsonNode claims, Instant now) throws JwsException {
        JsonNode nbf = claims.get("nbf");
        if (nbf == null || nbf.isNull()) {
            return;
        }
        if (!nbf.isNumber() || nbf.asDouble() < 0 || nbf.asDouble() > 253_402_300_799d) {
            throw new JwsException("the token's \"nbf\" claim is not a NumericDate");
        }
        Instant notBefore = Instant.ofEpochSecond((long) Math.floor(nbf.asDouble()));
        if (now.plus(LEEWAY).isBefore(notBefore)) {
            throw new JwsException("the token is not valid before " + notBefore);
        }
    }

    /** True when {@code now} is more than the leeway past {@code expiry}. */
    public static boolean hasExpired(Instant expiry, Instant now) {
        return now.isAfter(expiry.plus(LEEWAY));
    }
}
