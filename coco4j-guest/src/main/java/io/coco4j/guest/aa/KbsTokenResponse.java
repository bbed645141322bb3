package io.coco4j.guest.aa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.kbs.AttestationToken;
import io.coco4j.guest.kbs.KbsProtocolException;
import io.coco4j.guest.kbs.TeeKeyPem;
import io.coco4j.guest.kbs.TokenCredential;
import io.coco4j.protocol.json.Json;

import java.io.IOException;

/**
 * The answer to {@code GetToken("kbs")}: {@code {"token":"<JWT>","tee_keypair":"<PEM private key>"}}.
 * The token is useless without the key (resources come back encrypted to it), so the consumer gets both.
 */
public final class KbsTokenResponse {

    private KbsTokenResponse() {
    }

    /** The UTF-8 JSON bytes the attestation agent returns. */
    public static byte[] encode(String jwt, String privateKeyPem) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("token", jwt);
        node.put("tee_keypair", privateKeyPem);
        return Json.writeBytes(node);
    }

    /** Reads what an attestation agent returned into a token and the key pair it certifies. */
    public static TokenCredential decode(byte[] response) throws KbsProtocolException {
        JsonNode node;
        try {
            node = Json.readTree(response);
        } catch (IOException e) {
            throw new KbsProtocolException("the attestation agent's kbs token is not JSON");
        }
        if (node == null || !node.path("token").isTextual() || !node.path("tee_keypair").isTextual()) {
            throw new KbsProtocolException("the attestation agent's kbs token lacks 'token' or 'tee_keypair'");
        }
        try {
            return new TokenCredential(AttestationToken.parse(node.get("token").textValue()),
                    TeeKeyPem.parse(node.get("tee_keypair").textValue()));
        } catch (IllegalArgumentException e) {
            throw new KbsProtocolException("the attestation agent's tee_keypair is unusable: " + e.getMessage());
        }
    }

}
