package io.coco4j.kbs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Who an authenticated admin token speaks for.
 *
 * @param role    the {@code role} claim the ACL is keyed on
 * @param subject the {@code sub} claim, when present
 * @param issuer  the {@code iss} claim, when present
 * @param claims  all verified claims
 */
public record AdminIdentity(String role, Optional<String> subject, Optional<String> issuer, JsonNode claims) {

    public AdminIdentity {
        claims = claims.deepCopy();
    }

    @Override
    public JsonNode claims() {
        return claims.deepCopy();
    }
}
