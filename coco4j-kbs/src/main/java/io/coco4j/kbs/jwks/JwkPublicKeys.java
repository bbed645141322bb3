package io.coco4j.kbs.jwks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Turns the public part of a JWK (EC, RSA, or OKP Ed25519) into a JCA public key. */
public final class JwkPublicKeys {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte key follows. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private JwkPublicKeys() {
    }

    public static PublicKey toPublicKey(JsonNode jwk) throws JwsException {
        if (!jwk.isObject()) {
            throw new JwsException("the JWK is not a JSON object");
        }
        String kty = jwk.path("kty").asText("");
        try {
            switch (kty) {
                case "EC" -> {
                    // Only the public members: nimbus would otherwise also judge x5c and private parts.
                    ObjectNode pub = publicMembers(jwk, "kty", "crv", "x", "y");
                    ECKey key = ECKey.parse(pub.toString());
                    return key.toECPublicKey();
                }
                case "RSA" -> {
                    RSAKey key = RSAKey.parse(publicMembers(jwk, "kty", "n", "e").toString());
                    return key.toRSAPublicKey();
                }
                case "OKP" -> {
                    String crv = jwk.path("crv").asText("");
                    if (!"Ed25519".equals(crv)) {
                        throw new JwsException("OKP key curve \"" + crv + "\" is not supported (only Ed25519)");
                    }
                    byte[] x = Base64.getUrlDecoder().decode(jwk.path("x").asText(""));
                    if (x.length != 32) {
                        throw new JwsException("an Ed25519 JWK's \"x\" must be 32 bytes, found " + x.length);
                    }
                    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
                    System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                }
                default -> throw new JwsException("JWK key type \"" + kty + "\" is not supported (EC, RSA or OKP)");
            }
        } catch (ParseException | JOSEException | IllegalArgumentException | GeneralSecurityException e) {
            throw new JwsException("the " + kty + " JWK is not a valid public key: " + e.getMessage(), e);
        }
    }

    /** True when both keys are the same RSA modulus and exponent, or the same EC point on the same curve. */
    public static boolean sameKey(PublicKey a, PublicKey b) {
        if (a instanceof RSAPublicKey ra && b instanceof RSAPublicKey rb) {
            return ra.getModulus().equals(rb.getModulus()) && ra.getPublicExponent().equals(rb.getPublicExponent());
        }
        if (a instanceof ECPublicKey ea && b instanceof ECPublicKey eb) {
            return ea.getW().equals(eb.getW())
                    && ea.getParams().getCurve().equals(eb.getParams().getCurve())
                    && ea.getParams().getOrder().equals(eb.getParams().getOrder())
                    && ea.getParams().getGenerator().equals(eb.getParams().getGenerator());
        }
        return a.getAlgorithm().equals(b.getAlgorithm()) && Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    private static ObjectNode publicMembers(JsonNode jwk, String... names) {
        ObjectNode out = ((ObjectNode) jwk).objectNode();
        for (String name : names) {
            if (jwk.has(name)) {
                out.set(name, jwk.get(name));
            }
        }
        return out;
    }
}
