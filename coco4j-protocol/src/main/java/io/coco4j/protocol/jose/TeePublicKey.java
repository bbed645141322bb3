package io.coco4j.protocol.jose;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;

import java.security.PublicKey;

/**
 * The {@code tee-pubkey} of the runtime data: an ephemeral key generated inside the TEE, bound into
 * its report, to which the KBS encrypts resources. A tagged union on {@code kty}; members other than
 * the variant's own are dropped on parsing, as the reference does before hashing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kty")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EcTeePublicKey.class, name = "EC"),
        @JsonSubTypes.Type(value = RsaTeePublicKey.class, name = "RSA")
})
public sealed interface TeePublicKey permits EcTeePublicKey, RsaTeePublicKey {

    /** The JWE key-management algorithm named in the key ({@code alg}). */
    String alg();

    /**
     * The JCA public key after every check the KBS makes before accepting it: known algorithm,
     * exact coordinate lengths, point on the curve, sane RSA modulus.
     */
    PublicKey toPublicKey(KeyPolicy policy) throws InvalidTeeKeyException;

    /** The JSON form as re-serialised from the typed union ({@code kty} plus the variant's members). */
    default ObjectNode toJson() {
        return Json.mapper().valueToTree(this);
    }

    /** Parses the JSON form; unknown {@code kty} or missing members are refused. */
    static TeePublicKey fromJson(JsonNode node) throws InvalidTeeKeyException {
        if (node == null || !node.isObject()) {
            throw new InvalidTeeKeyException("tee-pubkey is not a JSON object");
        }
        try {
            return Json.mapper().treeToValue(node, TeePublicKey.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidTeeKeyException("tee-pubkey is not a valid EC or RSA key: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** What the KBS accepts. {@code RSA1_5} is deprecated and refused unless a legacy flag is set. */
    record KeyPolicy(boolean allowRsa15) {
        public static final KeyPolicy DEFAULT = new KeyPolicy(false);
    }
}
