package io.coco4j.image.cipher;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public half of a layer's encryption parameters ({@code org.opencontainers.image.enc.pubopts}):
 * the cipher name and the HMAC of the ciphertext. {@code cipheroptions} is always written (empty),
 * as ocicrypt-rs requires it.
 */
@JsonPropertyOrder({"cipher", "hmac", "cipheroptions"})
public record PublicLayerOptions(
        @JsonProperty("cipher") String cipher,
        @JsonProperty("hmac") byte[] hmac,
        @JsonProperty("cipheroptions") Map<String, byte[]> cipherOptions) {

    public PublicLayerOptions {
        cipherOptions = cipherOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cipherOptions));
    }

    public byte[] toJson() {
        return Json.writeBytes(this);
    }

    /** The annotation value: b64std of the JSON. */
    public String toAnnotation() {
        return Base64.getEncoder().encodeToString(toJson());
    }

    public static PublicLayerOptions fromAnnotation(String value) throws LayerCipherException {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new LayerCipherException("the pubopts annotation is not base64");
        }
        PublicLayerOptions options;
        try {
            options = Json.read(json, PublicLayerOptions.class);
        } catch (IOException e) {
            throw new LayerCipherException("the pubopts annotation is not ocicrypt public options JSON");
        }
        if (options == null || options.cipher() == null) {
            throw new LayerCipherException("the pubopts annotation names no cipher");
        }
        return options;
    }
}
