package io.coco4j.image.keyprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Base64;

/**
 * Byte fields of the key-provider protocol as both reference implementations write them: Go's
 * {@code []byte} is a b64std string, Rust's {@code Vec<u8>} a JSON array of numbers. Both are read;
 * number arrays are written, because both implementations read those.
 */
final class ProtocolBytes {

    private ProtocolBytes() {
    }

    /** The bytes of a field, or {@code null} when it is absent or JSON null. */
    static byte[] read(JsonNode node, String field) throws KeyProviderException {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return Base64.getMimeDecoder().decode(node.asText());
            } catch (IllegalArgumentException e) {
                throw new KeyProviderException(field + " is a string but not base64");
            }
        }
        if (node.isArray()) {
            byte[] bytes = new byte[node.size()];
            for (int i = 0; i < bytes.length; i++) {
                JsonNode element = node.get(i);
                if (!element.isIntegralNumber() || element.asInt() < 0 || element.asInt() > 255) {
                    throw new KeyProviderException(field + " is an array but not of byte values (0..255)");
                }
                bytes[i] = (byte) element.asInt();
            }
            return bytes;
        }
        throw new KeyProviderException(field + " must be a base64 string or an array of byte values");
    }

    static ArrayNode write(byte[] bytes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(bytes.length);
        for (byte b : bytes) {
            array.add(b & 0xff);
        }
        return array;
    }

    /**
     * A payload that may arrive as JSON text itself or as base64 of it (ocicrypt-rs sends optsdata
     * raw, Go base64-encodes annotation bytes once more on some paths): JSON if it looks like JSON.
     */
    static byte[] jsonOrBase64(byte[] bytes, String field) throws KeyProviderException {
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i < bytes.length && bytes[i] == '{') {
            return bytes;
        }
        try {
            return Base64.getMimeDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new KeyProviderException(field + " is neither JSON nor base64 of JSON");
        }
    }
}
