package io.coco4j.guest.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.coco4j.protocol.jose.Base64Url;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * A sealed secret: {@code "sealed." + b64url(header) + "." + b64url(payload) + "." + b64url(signature)},
 * a compact JWS signed with ES256 (raw {@code r‖s}) by the key named by the header's {@code kid}.
 * The payload says where the secret is ({@link SecretPayload}); it holds no plaintext.
 */
public final class SealedSecret {

    public static final String PREFIX = "sealed.";

    private final String kid;
    private final SecretPayload payload;
    private final String signingInput;
    private final byte[] signature;

    private SealedSecret(String kid, SecretPayload payload, String signingInput, byte[] signature) {
        this.kid = kid;
        this.payload = payload;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** The key id of the signer: a {@code kbs://} resource URI or a file name under the CDH's key directory. */
    public String kid() {
        return kid;
    }

    public SecretPayload payload() {
        return payload;
    }

    /**
     * Parses the signed form. The {@code sealed.} prefix is stripped (repeatedly, as the reference
     * does); the header must name {@code alg} {@code ES256} and a {@code kid}.
     */
    public static SealedSecret parse(String text) throws SealedSecretException {
        String jws = stripPrefix(Objects.requireNonNull(text, "text").strip());
        JWSObject object;
        try {
            object = JWSObject.parse(jws);
        } catch (ParseException e) {
            throw new SealedSecretException("the sealed secret is not a compact JWS: " + e.getMessage());
        }
        if (!JWSAlgorithm.ES256.equals(object.getHeader().getAlgorithm())) {
            throw new SealedSecretException("the sealed secret must be signed with ES256, not " + object.getHeader().getAlgorithm());
        }
        String kid = object.getHeader().getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw new SealedSecretException("the sealed secret header names no kid");
        }
        SecretPayload payload = readPayload(object.getPayload().toBytes());
        String[] parts = jws.split("\\.", -1);
        return new SealedSecret(kid, payload, parts[0] + "." + parts[1], object.getSignature().decode());
    }

    /**
     * The payload without checking any signature: the reference's "skip verification" mode, for
     * secrets made with placeholder headers ({@code sealed.fakejwsheader.<payload>.fakesignature}). The
     * payload may be base64url with or without padding, or standard base64.
     */
    public static SecretPayload unverifiedPayload(String text) throws SealedSecretException {
        String[] parts = Objects.requireNonNull(text, "text").strip().split("\\.", -1);
        if (parts.length != 4) {
            throw new SealedSecretException("malformed sealed secret: expected sealed.<header>.<payload>.<signature>");
        }
        byte[] payload;
        try {
            String body = parts[2].replace('+', '-').replace('/', '_');
            while (body.endsWith("=")) {
                body = body.substring(0, body.length() - 1);
            }
            payload = Base64.getUrlDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new SealedSecretException("the sealed secret payload is not base64");
        }
        return readPayload(payload);
    }

    private static SecretPayload readPayload(byte[] json) throws SealedSecretException {
        JsonNode node;
        try {
            node = Json.readTree(json);
        } catch (IOException e) {
            throw new SealedSecretException("the sealed secret payload is not JSON");
        }
        return SecretPayload.fromJson(node);
    }

    private static String stripPrefix(String text) {
        String rest = text;
        while (rest.startsWith(PREFIX)) {
            rest = rest.substring(PREFIX.length());
        }
        return rest;
    }

    /** Checks the signature with a P-256 public JWK (JSON text), as published under the secret's {@code kid}. */
    public void verify(byte[] publicJwkJson) throws SealedSecretException {
        ECKey key;
        try {
            JWK jwk = JWK.parse(new String(publicJwkJson, StandardCharsets.UTF_8));
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new SealedSecretException("the sealed secret's verification key '" + kid + "' is not a P-256 key");
            }
            key = ec.toPublicJWK();
        } catch (ParseException e) {
            throw new SealedSecretException("the sealed secret's verification key '" + kid + "' is not a JWK");
        }
        boolean valid;
        try {
            valid = signature.length == 64 && new ECDSAVerifier(key).verify(
                    new com.nimbusds.jose.JWSHeader(JWSAlgorithm.ES256),
                    signingInput.getBytes(StandardCharsets.US_ASCII),
                    com.nimbusds.jose.util.Base64URL.encode(signature));
        } catch (JOSEException e) {
            throw new SealedSecretException("cannot check the sealed secret's signature: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new SealedSecretException("the sealed secret's signature does not verify with key '" + kid + "'");
        }
    }

    /** Seals a payload: the header {@code {"alg":"ES256","kid":…}}, the signature by a P-256 private key. */
    public static String seal(SecretPayload payload, String kid, ECPrivateKey signingKey) throws GeneralSecurityException {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("alg", "ES256");
        header.put("kid", kid);
        String input = Base64Url.encode(Json.writeBytes(header)) + "." + Base64Url.encode(Json.writeBytes(payload.toJson()));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(signingKey);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return PREFIX + input + "." + Base64Url.encode(signer.sign());
    }

    @Override
    public String toString() {
        return "SealedSecret[kid=" + kid + ", type=" + (payload instanceof SecretPayload.Vault ? "vault" : "envelope")
                + ", provider=" + payload.provider() + "]";
    }
}
