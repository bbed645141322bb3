package io.coco4j.protocol.jose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coco4j.protocol.crypto.CryptoProviders;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;

/** An EC {@code tee-pubkey}: {@code {"kty":"EC","crv","alg","x","y"}} with b64url big-endian coordinates. */
@JsonPropertyOrder({"crv", "alg", "x", "y"})
public record EcTeePublicKey(String crv, String alg, String x, String y) implements TeePublicKey {

    @JsonCreator
    public EcTeePublicKey(@JsonProperty(value = "crv", required = true) String crv,
                          @JsonProperty(value = "alg", required = true) String alg,
                          @JsonProperty(value = "x", required = true) String x,
                          @JsonProperty(value = "y", required = true) String y) {
        this.crv = Objects.requireNonNull(crv, "crv");
        this.alg = Objects.requireNonNull(alg, "alg");
        this.x = Objects.requireNonNull(x, "x");
        this.y = Objects.requireNonNull(y, "y");
    }

    /** The JWK of a JCA EC public key, coordinates left-padded to the curve's size. */
    public static EcTeePublicKey of(ECPublicKey key, String alg) {
        return of(key, EcCurve.of(key.getParams()), alg);
    }

    /**
     * The JWK of a key known to be on {@code curve} (one just generated there): spares asking the key
     * for its parameters, which a native provider rebuilds on every call.
     */
    public static EcTeePublicKey of(ECPublicKey key, EcCurve curve, String alg) {
        return new EcTeePublicKey(curve.jwkName(), alg,
                Base64Url.encode(curve.encodeCoordinate(key.getW().getAffineX())),
                Base64Url.encode(curve.encodeCoordinate(key.getW().getAffineY())));
    }

    public EcCurve curve() throws InvalidTeeKeyException {
        return EcCurve.fromJwkName(crv).filter(c -> c != EcCurve.P384)
                .orElseThrow(() -> new InvalidTeeKeyException("unsupported curve '" + crv + "' (expected P-256 or P-521)"));
    }

    @Override
    public ECPublicKey toPublicKey(KeyPolicy policy) throws InvalidTeeKeyException {
        if (!JoseAlgorithms.ECDH_ES_A256KW.equals(alg)) {
            throw new InvalidTeeKeyException("unsupported algorithm '" + alg + "' for an EC key (expected ECDH-ES+A256KW)");
        }
        EcCurve curve = curve();
        byte[] xBytes = coordinate(x, "x", curve);
        byte[] yBytes = coordinate(y, "y", curve);
        if (!curve.contains(new ECPoint(new BigInteger(1, xBytes), new BigInteger(1, yBytes)))) {
            throw new InvalidTeeKeyException("the point (x, y) is not on curve " + crv);
        }
        try {
            // the named-curve encoding: a native provider then finds its optimised curve by OID
            return (ECPublicKey) CryptoProviders.get().ecKeyFactory(curve.primitive())
                    .generatePublic(new X509EncodedKeySpec(curve.subjectPublicKeyInfo(xBytes, yBytes)));
        } catch (GeneralSecurityException e) {
            throw new InvalidTeeKeyException("unusable EC key: " + e.getMessage());
        }
    }

    private static byte[] coordinate(String value, String member, EcCurve curve) throws InvalidTeeKeyException {
        byte[] bytes;
        try {
            bytes = Base64Url.decode(value, member);
        } catch (IllegalArgumentException e) {
            throw new InvalidTeeKeyException(e.getMessage());
        }
        if (bytes.length != curve.coordinateLength()) {
            throw new InvalidTeeKeyException(member + " must be " + curve.coordinateLength() + " bytes for "
                    + curve.jwkName() + ", got " + bytes.length);
        }
        return bytes;
    }
}
