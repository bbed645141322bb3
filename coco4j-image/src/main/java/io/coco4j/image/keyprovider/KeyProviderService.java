package io.coco4j.image.keyprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.image.keywrap.AttestationAgentKeyUnwrapper;
import io.coco4j.image.keywrap.AttestationAgentKeyWrapper;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.KekSource;
import io.coco4j.image.keywrap.KeyUnwrapException;
import io.coco4j.image.keywrap.KeyWrapException;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The ocicrypt key-provider protocol for the {@code attestation-agent} provider: {@code keywrap}
 * wraps optsdata into an AnnotationPacket under a local KEK file, {@code keyunwrap} obtains the KEK
 * named by the packet (from the KBS, after attestation) and returns optsdata. The same JSON travels
 * over the {@code cmd} transport (stdin/stdout) and in the bytes field of the gRPC/ttRPC
 * {@code KeyProviderService}.
 */
public final class KeyProviderService {

    /** Upper bound of a request; real ones are a few KiB. */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private final String providerName;
    private final KekSource kekSource;

    /**
     * @param kekSource where keyunwrap gets KEKs; {@code null} for a provider that only wraps
     */
    public KeyProviderService(KekSource kekSource) {
        this(EncryptionAnnotations.ATTESTATION_AGENT_PROVIDER, kekSource);
    }

    public KeyProviderService(String providerName, KekSource kekSource) {
        this.providerName = providerName;
        this.kekSource = kekSource;
    }

    /** Serves one request of either operation. */
    public byte[] handle(byte[] request) throws KeyProviderException {
        JsonNode root = parse(request);
        String op = root.path("op").asText("");
        return switch (op) {
            case "keywrap" -> wrap(root);
            case "keyunwrap" -> unwrap(root);
            default -> throw new KeyProviderException("unknown key-provider op '" + op + "' (keywrap or keyunwrap)");
        };
    }

    /** {@code WrapKey} of the gRPC/ttRPC service. */
    public byte[] wrapKey(byte[] request) throws KeyProviderException {
        return wrap(parse(request));
    }

    /** {@code UnWrapKey} of the gRPC/ttRPC service. */
    public byte[] unwrapKey(byte[] request) throws KeyProviderException {
        return unwrap(parse(request));
    }

    private static JsonNode parse(byte[] request) throws KeyProviderException {
        if (request.length > MAX_REQUEST_BYTES) {
            throw new KeyProviderException("key-provider request larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        try {
            JsonNode root = Json.readTree(request);
            if (root == null || !root.isObject()) {
                throw new KeyProviderException("the key-provider request is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new KeyProviderException("the key-provider request is not JSON");
        }
    }

    private byte[] wrap(JsonNode root) throws KeyProviderException {
        JsonNode params = root.path("keywrapparams");
        byte[] optsData = ProtocolBytes.read(params.get("optsdata"), "keywrapparams.optsdata");
        if (optsData == null || optsData.length == 0) {
            throw new KeyProviderException("keywrap without keywrapparams.optsdata");
        }
        optsData = ProtocolBytes.jsonOrBase64(optsData, "keywrapparams.optsdata");
        byte[] parameter = parameter(params.path("ec").path("Parameters"), "keywrapparams.ec.Parameters");
        WrapParameters wrap = WrapParameters.parse(parameter);
        byte[] kek = wrap.readKek();
        try {
            byte[] packet = new AttestationAgentKeyWrapper(wrap.keyId(), kek, providerName).packet(optsData).toJson();
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            response.putObject("keywrapresults").set("annotation", ProtocolBytes.write(packet));
            return Json.writeBytes(response);
        } catch (KeyWrapException e) {
            throw new KeyProviderException(e.getMessage(), e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(optsData, (byte) 0);
        }
    }

    private byte[] unwrap(JsonNode root) throws KeyProviderException {
        if (kekSource == null) {
            throw new KeyProviderException("this key provider is not configured to unwrap keys (no KBS)");
        }
        byte[] annotation = ProtocolBytes.read(root.path("keyunwrapparams").get("annotation"), "keyunwrapparams.annotation");
        if (annotation == null || annotation.length == 0) {
            throw new KeyProviderException("keyunwrap without keyunwrapparams.annotation");
        }
        byte[] packet = ProtocolBytes.jsonOrBase64(annotation, "keyunwrapparams.annotation");
        byte[] optsData;
        try {
            optsData = new AttestationAgentKeyUnwrapper(kekSource, providerName).unwrap(packet);
        } catch (KeyUnwrapException e) {
            throw new KeyProviderException(e.getMessage(), e);
        }
        try {
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            response.putObject("keyunwrapresults").set("optsdata", ProtocolBytes.write(optsData));
            return Json.writeBytes(response);
        } finally {
            Arrays.fill(optsData, (byte) 0);
        }
    }

    /** The first value for this provider (or the only provider present) in a Parameters map. */
    private byte[] parameter(JsonNode parameters, String field) throws KeyProviderException {
        JsonNode values = parameters.get(providerName);
        if (values == null && parameters.isObject() && parameters.size() == 1) {
            Iterator<Map.Entry<String, JsonNode>> only = parameters.fields();
            values = only.next().getValue();
        }
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw new KeyProviderException(field + " has no value for provider '" + providerName + "'");
        }
        byte[] value = ProtocolBytes.read(values.get(0), field + "." + providerName + "[0]");
        if (value == null) {
            throw new KeyProviderException(field + "." + providerName + "[0] is null");
        }
        return value;
    }
}
