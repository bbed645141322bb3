package io.coco4j.protocol.jose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A resource response: JWE in flattened JSON serialisation, every member b64url. {@code tag} is
 * mandatory for the guest; {@code aad} is never emitted (and ignored when received).
 */
@JsonPropertyOrder({"protected", "encrypted_key", "iv", "ciphertext", "tag"})
public record JweResponse(
        @JsonProperty("protected") String protectedHeader,
        @JsonProperty("encrypted_key") String encryptedKey,
        @JsonProperty("iv") String iv,
        @JsonProperty("ciphertext") String ciphertext,
        @JsonProperty("tag") String tag) {

    @JsonCreator
    public JweResponse(@JsonProperty(value = "protected", required = true) String protectedHeader,
                       @JsonProperty(value = "encrypted_key", required = true) String encryptedKey,
                       @JsonProperty(value = "iv", required = true) String iv,
                       @JsonProperty(value = "ciphertext", required = true) String ciphertext,
                       @JsonProperty(value = "tag", required = true) String tag) {
        this.protectedHeader = protectedHeader;
        this.encryptedKey = encryptedKey;
        this.iv = iv;
        this.ciphertext = ciphertext;
        this.tag = tag;
    }
}
