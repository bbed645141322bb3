package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Signed collateral JSON as Intel issues it: the exact bytes of the {@code tcbInfo} or
 * {@code enclaveIdentity} object (what the signature covers), the ECDSA-P256 signature
 * ({@code r || s}), and the PEM issuer chain that came with it (a PCS response header).
 */
public record SignedJson(byte[] body, byte[] signature, String issuerChainPem) {

    public SignedJson {
        body = body.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * From a PCS/PCCS response body such as {@code {"tcbInfo":{…},"signature":"…"}}: the member's
     * value is taken byte for byte from the response, never re-serialised.
     */
    public static SignedJson fromResponse(byte[] response, String member, String issuerChainPem) throws MalformedCollateralException {
        byte[] body = null;
        String signature = null;
        try (JsonParser parser = Json.mapper().getFactory().createParser(response)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedCollateralException(member + " response is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (member.equals(name) && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getByteOffset();
                    body = Arrays.copyOfRange(response, start, end);
                } else if ("signature".equals(name) && value == JsonToken.VALUE_STRING) {
                    signature = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new MalformedCollateralException(member + " response is not JSON: " + e.getMessage());
        }
        if (body == null || signature == null) {
            throw new MalformedCollateralException(member + " response lacks \"" + member + "\" or \"signature\"");
        }
        return new SignedJson(body, signatureHex(signature, member), issuerChainPem);
    }

    /** From a collateral bundle that carries the signed JSON as a string and the signature as hex. */
    public static SignedJson fromParts(String bodyText, String signatureHex, String issuerChainPem) throws MalformedCollateralException {
        return new SignedJson(bodyText.getBytes(StandardCharsets.UTF_8), signatureHex(signatureHex, "collateral"), issuerChainPem);
    }

    static byte[] signatureHex(String hex, String member) throws MalformedCollateralException {
        try {
            byte[] signature = HexFormat.of().parseHex(hex.trim());
            if (signature.length != 64) {
                throw new MalformedCollateralException(member + " signature is " + signature.length + " bytes, not 64 (r || s)");
            }
            return signature;
        } catch (IllegalArgumentException e) {
            throw new MalformedCollateralException(member + " signature is not hex");
        }
    }
}
