package io.coco4j.kbs.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Mints admin tokens: header {@code {"alg":…,"typ":"JWT"}}, claims {@code iss} and {@code aud} when
 * given, {@code role}, {@code iat} and {@code exp}.
 */
public final class AdminTokenMinter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private AdminTokenMinter() {
    }

    public static String mint(AdminSigningKey key, String role, Optional<String> issuer, Optional<String> audience,
                              Duration ttl, Instant now) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        ObjectNode header = JSON.createObjectNode().put("alg", key.algorithm().joseName()).put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode();
        issuer.ifPresent(i -> claims.put("iss", i));
        audience.ifPresent(a -> claims.putArray("aud").add(a));
        claims.put("role", role);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        String signingInput = B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL.encodeToString(signature);
    }
}
