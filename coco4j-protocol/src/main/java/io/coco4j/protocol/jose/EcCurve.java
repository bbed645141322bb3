package io.coco4j.protocol.jose;

import io.coco4j.protocol.crypto.Primitive;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.Optional;

/** The NIST curves a {@code tee-pubkey} may use, with their JWK names and fixed coordinate sizes. */
public enum EcCurve {
    P256("P-256", "secp256r1", 32, Primitive.EC_P256, "3059301306072a8648ce3d020106082a8648ce3d030107034200"),
    P384("P-384", "secp384r1", 48, Primitive.EC_P384, "3076301006072a8648ce3d020106052b81040022036200"),
    P521("P-521", "secp521r1", 66, Primitive.EC_P521, "30819b301006072a8648ce3d020106052b81040023038186" + "00");

    private final String jwkName;
    private final String stdName;
    private final int coordinateLength;
    private final Primitive primitive;
    private final ECParameterSpec params;
    /** DER of a SubjectPublicKeyInfo on this named curve up to the uncompressed point (0x04 ‖ x ‖ y). */
    private final byte[] spkiPrefix;

    EcCurve(String jwkName, String stdName, int coordinateLength, Primitive primitive, String spkiPrefixHex) {
        this.spkiPrefix = java.util.HexFormat.of().parseHex(spkiPrefixHex);
        this.jwkName = jwkName;
        this.stdName = stdName;
        this.coordinateLength = coordinateLength;
        this.primitive = primitive;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(stdName));
            this.params = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public String jwkName() {
        return jwkName;
    }

    public String stdName() {
        return stdName;
    }

    public int coordinateLength() {
        return coordinateLength;
    }

    public Primitive primitive() {
        return primitive;
    }

    public ECParameterSpec params() {
        return params;
    }

    public static Optional<EcCurve> fromJwkName(String name) {
        return Arrays.stream(values()).filter(c -> c.jwkName.equals(name)).findFirst();
    }

    public static EcCurve of(ECParameterSpec spec) {
        int bits = spec.getCurve().getField().getFieldSize();
        return Arrays.stream(values()).filter(c -> c.params.getCurve().getField().getFieldSize() == bits).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported curve of " + bits + " bits"));
    }

    /** Whether (x, y) is a point of this curve: coordinates in the field and y² = x³ + ax + b (mod p). */
    public boolean contains(ECPoint point) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    /**
     * The X.509 SubjectPublicKeyInfo of the point (x, y), coordinates at this curve's fixed length: the
     * named-curve form, which providers decode without matching explicit curve parameters.
     */
    public byte[] subjectPublicKeyInfo(byte[] x, byte[] y) {
        if (x.length != coordinateLength || y.length != coordinateLength) {
            throw new IllegalArgumentException("coordinates must be " + coordinateLength + " bytes for " + jwkName);
        }
        byte[] out = Arrays.copyOf(spkiPrefix, spkiPrefix.length + 1 + 2 * coordinateLength);
        out[spkiPrefix.length] = 0x04;
        System.arraycopy(x, 0, out, spkiPrefix.length + 1, coordinateLength);
        System.arraycopy(y, 0, out, spkiPrefix.length + 1 + coordinateLength, coordinateLength);
        return out;
    }

    /** Big-endian bytes of a coordinate, left-padded to the curve's fixed length. */
    public byte[] encodeCoordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[coordinateLength];
        int start = raw.length > coordinateLength ? raw.length - coordinateLength : 0;
        int length = raw.length - start;
        if (length > coordinateLength) {
            throw new IllegalArgumentException("coordinate does not fit " + jwkName);
        }
        System.arraycopy(raw, start, out, coordinateLength - length, length);
        return out;
    }
}
