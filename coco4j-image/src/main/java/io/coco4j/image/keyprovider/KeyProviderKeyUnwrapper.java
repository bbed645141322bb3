package io.coco4j.image.keyprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.image.keywrap.KeyUnwrapException;
import io.coco4j.image.keywrap.KeyUnwrapper;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.util.Base64;

/**
 * Unwraps a provider-annotated layer key through a key provider, as ocicrypt does: the entry goes
 * out in a {@code keyunwrap} request (Go's JSON), the optsdata comes back in the answer. Used by the
 * CDH's image pulls to take the same path as its {@code UnWrapKey}.
 */
public final class KeyProviderKeyUnwrapper implements KeyUnwrapper {

    /** One request to a key provider; a refusal is a {@link KeyProviderException}. */
    @FunctionalInterface
    public interface Call {
        byte[] call(byte[] request) throws KeyProviderException;
    }

    private final String providerName;
    private final Call provider;

    public KeyProviderKeyUnwrapper(String providerName, Call provider) {
        this.providerName = providerName;
        this.provider = provider;
    }

    @Override
    public String annotationKey() {
        return EncryptionAnnotations.provider(providerName);
    }

    @Override
    public byte[] unwrap(byte[] entry) throws KeyUnwrapException {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("op", "keyunwrap");
        ObjectNode wrapParams = request.putObject("keywrapparams");
        wrapParams.putNull("ec");
        wrapParams.putNull("optsdata");
        ObjectNode unwrapParams = request.putObject("keyunwrapparams");
        unwrapParams.putObject("dc").putObject("Parameters").putArray(providerName);
        unwrapParams.put("annotation", Base64.getEncoder().encodeToString(entry));
        byte[] answer;
        try {
            answer = provider.call(Json.writeBytes(request));
        } catch (KeyProviderException e) {
            if (e.getCause() instanceof KeyNotReleasedException refused) {
                throw refused;
            }
            throw new KeyUnwrapException("key provider '" + providerName + "' failed: " + e.getMessage(), e);
        }
        try {
            JsonNode optsData = Json.readTree(answer).path("keyunwrapresults").get("optsdata");
            byte[] bytes = ProtocolBytes.read(optsData, "keyunwrapresults.optsdata");
            if (bytes == null || bytes.length == 0) {
                throw new KeyUnwrapException("key provider '" + providerName + "' answered without optsdata");
            }
            return bytes;
        } catch (IOException | KeyProviderException e) {
            throw new KeyUnwrapException("key provider '" + providerName + "' answered malformed JSON: " + e.getMessage());
        }
    }
}
