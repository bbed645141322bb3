package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.canonical.Jcs;
import io.coco4j.protocol.jose.TeePublicKey;

/** The {@code runtime-data} of an attestation: the challenge nonce and the TEE's ephemeral public key. */
public record RuntimeData(@JsonProperty("nonce") String nonce, @JsonProperty("tee-pubkey") TeePublicKey teePubkey) {

    /**
     * The object bound into the primary TEE's report: {@code {"nonce","tee-pubkey","additional-evidence"}},
     * where {@code additional-evidence} is the exact string sent (empty when there are no devices).
     */
    public ObjectNode primaryBinding(String additionalEvidence) {
        ObjectNode node = deviceBinding();
        node.put("additional-evidence", additionalEvidence == null ? "" : additionalEvidence);
        return node;
    }

    /** The object bound into each additional device's report: {@code {"nonce","tee-pubkey"}}. */
    public ObjectNode deviceBinding() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("nonce", nonce);
        node.set("tee-pubkey", teePubkey.toJson());
        return node;
    }

    /** {@code H(JCS(binding))}: what the TEE report must carry as its report data. */
    public static byte[] digest(ObjectNode binding, HashAlgorithm algorithm) {
        return algorithm.digest(Jcs.canonicalize(binding));
    }
}
