package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trustworthiness vector of one appraisal: the claims a policy set, each an i8. Unset claims
 * are left out of the token and count as 0 (tier none) for the status.
 */
public final class TrustVector {

    private final Map<TrustClaim, Integer> claims;

    private TrustVector(Map<TrustClaim, Integer> claims) {
        this.claims = Collections.unmodifiableMap(claims);
    }

    /**
     * @throws IllegalArgumentException when no claim is set or a value is outside −128..127
     */
    public static TrustVector of(Map<TrustClaim, Integer> claims) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("at least one trust claim must be set");
        }
        EnumMap<TrustClaim, Integer> copy = new EnumMap<>(TrustClaim.class);
        for (Map.Entry<TrustClaim, Integer> entry : claims.entrySet()) {
            int value = entry.getValue();
            if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("trust claim " + entry.getKey() + " = " + value + " is outside -128..127");
            }
            copy.put(entry.getKey(), value);
        }
        return new TrustVector(copy);
    }

    public Optional<Integer> get(TrustClaim claim) {
        return Optional.ofNullable(claims.get(claim));
    }

    public Map<TrustClaim, Integer> claims() {
        return claims;
    }

    /** The worst tier over all eight claims. */
    public TrustTier status() {
        TrustTier status = TrustTier.NONE;
        for (TrustClaim claim : TrustClaim.values()) {
            status = status.worse(TrustTier.of(claims.getOrDefault(claim, 0)));
        }
        return status;
    }

    /** {@code ear.trustworthiness-vector}: the set claims by name. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        claims.forEach((claim, value) -> node.put(claim.wireName(), value));
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustVector other && claims.equals(other.claims);
    }

    @Override
    public int hashCode() {
        return claims.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
