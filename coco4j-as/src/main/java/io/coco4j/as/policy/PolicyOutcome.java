package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.as.ear.TokenExtension;
import io.coco4j.as.ear.TrustClaim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** What a policy decided for one submod: the trust claims it set (i8 values) and its token extensions. */
public record PolicyOutcome(Map<TrustClaim, Integer> trustClaims, List<TokenExtension> extensions) {

    public PolicyOutcome {
        EnumMap<TrustClaim, Integer> claims = new EnumMap<>(TrustClaim.class);
        claims.putAll(trustClaims);
        trustClaims = Collections.unmodifiableMap(claims);
        extensions = List.copyOf(extensions);
    }

    /**
     * The outcome from a Rego policy's {@code trust_claims} and {@code extensions} rule values, with
     * the reference's rules: an absent (or null) {@code trust_claims} sets all eight claims to 0;
     * otherwise it must be an object of known claim names to integers; absent {@code extensions} means
     * none, otherwise an array of {@code {"name": string, "key": i32, "value": any}}.
     */
    public static PolicyOutcome fromRuleValues(JsonNode trustClaims, JsonNode extensions) throws InvalidPolicyOutputException {
        Map<TrustClaim, Integer> claims = new EnumMap<>(TrustClaim.class);
        if (trustClaims == null || trustClaims.isNull() || trustClaims.isMissingNode()) {
            for (TrustClaim claim : TrustClaim.values()) {
                claims.put(claim, 0);
            }
        } else if (!trustClaims.isObject()) {
            throw new InvalidPolicyOutputException("trust_claims is not an object");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = trustClaims.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                TrustClaim claim = TrustClaim.fromWireName(entry.getKey()).orElseThrow(() ->
                        new InvalidPolicyOutputException("trust_claims names an unknown claim '" + entry.getKey() + "'"));
                JsonNode value = entry.getValue();
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < Byte.MIN_VALUE || value.intValue() > Byte.MAX_VALUE) {
                    throw new InvalidPolicyOutputException("trust claim '" + entry.getKey() + "' is not an integer in -128..127");
                }
                claims.put(claim, value.intValue());
            }
        }
        if (claims.isEmpty()) {
            throw new InvalidPolicyOutputException("at least one trust claim must be set");
        }

        List<TokenExtension> parsed = new ArrayList<>();
        if (extensions != null && !extensions.isNull() && !extensions.isMissingNode()) {
            if (!extensions.isArray()) {
                throw new InvalidPolicyOutputException("extensions is not an array");
            }
            for (JsonNode extension : extensions) {
                JsonNode name = extension.get("name");
                JsonNode key = extension.get("key");
                if (name == null || !name.isTextual() || name.textValue().isBlank()
                        || key == null || !key.isIntegralNumber() || !key.canConvertToInt() || !extension.has("value")) {
                    throw new InvalidPolicyOutputException("an extension is not {\"name\": string, \"key\": i32, \"value\": any}");
                }
                parsed.add(new TokenExtension(name.textValue(), key.intValue(), extension.get("value")));
            }
        }
        return new PolicyOutcome(claims, parsed);
    }
}
