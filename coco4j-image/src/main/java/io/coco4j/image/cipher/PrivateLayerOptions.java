package io.coco4j.image.cipher;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coco4j.image.oci.Digest;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secret half of a layer's encryption parameters ("optsdata"): the symmetric key, the plaintext
 * digest and the cipher options. This is what key wrappers protect. Field names and order are
 * ocicrypt's, so the JSON is byte-identical to what Go ocicrypt wraps.
 */
@JsonPropertyOrder({"symkey", "digest", "cipheroptions"})
public record PrivateLayerOptions(
        @JsonProperty("symkey") byte[] symmetricKey,
        @JsonProperty("digest") String digest,
        @JsonProperty("cipheroptions") Map<String, byte[]> cipherOptions) {

    public static final String NONCE = "nonce";

    public PrivateLayerOptions {
        cipherOptions = cipherOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cipherOptions));
    }

    public static PrivateLayerOptions of(byte[] symmetricKey, Digest plaintextDigest, byte[] nonce) {
        Map<String, byte[]> options = new LinkedHashMap<>();
        options.put(NONCE, nonce);
        return new PrivateLayerOptions(symmetricKey, plaintextDigest.toString(), options);
    }

    /** Parses optsdata; a malformed document is a {@link LayerCipherException}, never a partial value. */
    public static PrivateLayerOptions parse(byte[] json) throws LayerCipherException {
        PrivateLayerOptions options;
        try {
            options = Json.read(json, PrivateLayerOptions.class);
        } catch (IOException e) {
            throw new LayerCipherException("the unwrapped layer options are not ocicrypt private options JSON");
        }
        if (options == null || options.symmetricKey() == null || options.digest() == null) {
            throw new LayerCipherException("the unwrapped layer options lack symkey or digest");
        }
        return options;
    }

    public byte[] toJson() {
        return Json.writeBytes(this);
    }

    public byte[] nonce() {
        return cipherOptions.get(NONCE);
    }

    /** The plaintext digest, parsed. */
    public Digest plaintextDigest() throws LayerCipherException {
        try {
            return Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw new LayerCipherException("the layer options carry an unusable digest: " + e.getMessage());
        }
    }

    /** Overwrites the key bytes; call once the options are no longer needed. */
    public void destroy() {
        if (symmetricKey != null) {
            Arrays.fill(symmetricKey, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "PrivateLayerOptions[digest=" + digest + ", symkey=(hidden)]";
    }
}
