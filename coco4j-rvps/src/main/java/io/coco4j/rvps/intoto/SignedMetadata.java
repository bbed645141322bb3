package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.coco4j.protocol.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signed in-toto metadata in either of its v0.9-era forms: the classic metablock
 * {@code {"signed":…, "signatures":[{keyid, sig(hex)}]}}, signed over the canonical JSON of
 * {@code signed}, or a DSSE envelope {@code {"payload"(b64), "payloadType", "signatures":[{keyid, sig(b64)}]}},
 * signed over the pre-authentication encoding of type and payload.
 */
public final class SignedMetadata {

    public static final String DSSE_PAYLOAD_TYPE = "application/vnd.in-toto+json";
    private static final ObjectReader STRICT_JSON = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The two envelope forms. */
    public enum Form { METABLOCK, DSSE }

    /** One signature: who (key id) and the signature bytes. */
    public record KeySignature(String keyId, byte[] signature) {
    }

    private final Form form;
    private final JsonNode payload;
    private final byte[] signedBytes;
    private final List<KeySignature> signatures;

    private SignedMetadata(Form form, JsonNode payload, byte[] signedBytes, List<KeySignature> signatures) {
        this.form = form;
        this.payload = payload;
        this.signedBytes = signedBytes;
        this.signatures = List.copyOf(signatures);
    }

    public static SignedMetadata parse(byte[] json, String what) throws InTotoFormatException {
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(json);
        } catch (IOException e) {
            throw new InTotoFormatException(what + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InTotoFormatException(what + " is not a JSON object");
        }
        if (node.has("signed")) {
            return metablock(node, what);
        }
        if (node.has("payload") && node.has("payloadType")) {
            return envelope(node, what);
        }
        throw new InTotoFormatException(what + " is neither an in-toto metablock (signed, signatures) nor a DSSE envelope (payload, payloadType, signatures)");
    }

    private static SignedMetadata metablock(JsonNode node, String what) throws InTotoFormatException {
        JsonNode signed = node.get("signed");
        if (!signed.isObject()) {
            throw new InTotoFormatException(what + ": signed is not an object");
        }
        List<KeySignature> signatures = new ArrayList<>();
        for (JsonNode entry : signaturesOf(node, what)) {
            String sig = entry.path("sig").asText("");
            try {
                signatures.add(new KeySignature(keyIdOf(entry, what), HexFormat.of().parseHex(sig)));
            } catch (IllegalArgumentException e) {
                throw new InTotoFormatException(what + ": a signature is not hex");
            }
        }
        return new SignedMetadata(Form.METABLOCK, signed, CanonicalJson.encode(signed), signatures);
    }

    private static SignedMetadata envelope(JsonNode node, String what) throws InTotoFormatException {
        String payloadType = node.path("payloadType").asText("");
        if (!DSSE_PAYLOAD_TYPE.equals(payloadType)) {
            throw new InTotoFormatException(what + ": DSSE payloadType '" + payloadType + "' is not " + DSSE_PAYLOAD_TYPE);
        }
        byte[] payloadBytes;
        try {
            payloadBytes = Base64.getDecoder().decode(node.path("payload").asText(""));
        } catch (IllegalArgumentException e) {
            throw new InTotoFormatException(what + ": DSSE payload is not base64");
        }
        JsonNode payload;
        try {
            payload = STRICT_JSON.readTree(payloadBytes);
        } catch (IOException e) {
            throw new InTotoFormatException(what + ": DSSE payload is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new InTotoFormatException(what + ": DSSE payload is not a JSON object");
        }
        List<KeySignature> signatures = new ArrayList<>();
        for (JsonNode entry : signaturesOf(node, what)) {
            try {
                signatures.add(new KeySignature(keyIdOf(entry, what), Base64.getDecoder().decode(entry.path("sig").asText(""))));
            } catch (IllegalArgumentException e) {
                throw new InTotoFormatException(what + ": a DSSE signature is not base64");
            }
        }
        return new SignedMetadata(Form.DSSE, payload, preAuthenticationEncoding(payloadType, payloadBytes), signatures);
    }

    private static Iterable<JsonNode> signaturesOf(JsonNode node, String what) throws InTotoFormatException {
        JsonNode signatures = node.get("signatures");
        if (signatures == null || !signatures.isArray()) {
            throw new InTotoFormatException(what + " has no signatures array");
        }
        return signatures;
    }

    private static String keyIdOf(JsonNode entry, String what) throws InTotoFormatException {
        JsonNode keyId = entry.get("keyid");
        if (keyId == null || !keyId.isTextual()) {
            throw new InTotoFormatException(what + ": a signature has no keyid");
        }
        return keyId.textValue();
    }

    /** DSSE's PAE: {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, lengths in ASCII decimal. */
    static byte[] preAuthenticationEncoding(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public Form form() {
        return form;
    }

    /** The signed document (a layout or a link). */
    public JsonNode payload() {
        return payload;
    }

    /** {@code _type} of the signed document: {@code layout} or {@code link}. */
    public String type() {
        return payload.path("_type").asText("");
    }

    public List<KeySignature> signatures() {
        return signatures;
    }

    /** The key ids among {@code keys} with at least one valid signature here. */
    public Set<String> verifiedBy(Map<String, InTotoKey> keys) {
        Set<String> verified = new LinkedHashSet<>();
        for (KeySignature signature : signatures) {
            InTotoKey key = keys.get(signature.keyId());
            if (key != null && !verified.contains(key.keyId()) && key.verifies(signedBytes, signature.signature())) {
                verified.add(key.keyId());
            }
        }
        return verified;
    }

    /** The key ids that signed, whether or not the signatures verify. */
    public Set<String> claimedSigners() {
        Set<String> ids = new LinkedHashSet<>();
        signatures.forEach(s -> ids.add(s.keyId()));
        return ids;
    }
}
