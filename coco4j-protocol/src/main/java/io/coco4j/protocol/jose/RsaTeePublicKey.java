package io.coco4j.protocol.jose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;

/** An RSA {@code tee-pubkey}: {@code {"kty":"RSA","alg","n","e"}} with b64url unsigned big-endian integers. */
@JsonPropertyOrder({"alg", "n", "e"})
public record RsaTeePublicKey(String alg, String n, String e) implements TeePublicKey {

    /** Smallest modulus accepted; the reference guest uses 2048-bit keys. */
    public static final int MIN_MODULUS_BITS = 2048;
    private static final int MAX_MODULUS_BITS = 16384;

    @JsonCreator
    public RsaTeePublicKey(@JsonProperty(value = "alg", required = true) String alg,
                           @JsonProperty(value = "n", required = true) String n,
                           @JsonProperty(value = "e", required = true) String e) {
        this.alg = Objects.requireNonNull(alg, "alg");
        this.n = Objects.requireNonNull(n, "n");
        this.e = Objects.requireNonNull(e, "e");
    }

    public static RsaTeePublicKey of(RSAPublicKey key, String alg) {
        return new RsaTeePublicKey(alg, Base64Url.encode(unsigned(key.getModulus())),
                Base64Url.encode(unsigned(key.getPublicExponent())));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length > 1 && raw[0] == 0) {
            byte[] trimmed = new byte[raw.length - 1];
            System.arraycopy(raw, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return raw;
    }

    @Override
    public RSAPublicKey toPublicKey(KeyPolicy policy) throws InvalidTeeKeyException {
        if (JoseAlgorithms.RSA1_5.equals(alg)) {
            if (!policy.allowRsa15()) {
                throw new InvalidTeeKeyException("RSA1_5 is refused: it is deprecated and open to padding-oracle attacks; use RSA-OAEP-256");
            }
        } else if (!JoseAlgorithms.RSA_OAEP_256.equals(alg)) {
            throw new InvalidTeeKeyException("unsupported algorithm '" + alg + "' for an RSA key (expected RSA-OAEP-256)");
        }
        BigInteger modulus;
        BigInteger exponent;
        try {
            modulus = new BigInteger(1, Base64Url.decode(n, "n"));
            exponent = new BigInteger(1, Base64Url.decode(e, "e"));
        } catch (IllegalArgumentException ex) {
            throw new InvalidTeeKeyException(ex.getMessage());
        }
        if (modulus.bitLength() < MIN_MODULUS_BITS || modulus.bitLength() > MAX_MODULUS_BITS) {
            throw new InvalidTeeKeyException("RSA modulus of " + modulus.bitLength() + " bits is outside "
                    + MIN_MODULUS_BITS + ".." + MAX_MODULUS_BITS);
        }
        if (!modulus.testBit(0) || exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)
                || exponent.compareTo(modulus) >= 0) {
            throw new InvalidTeeKeyException("not a valid RSA public key (n must be odd, e odd and 3 <= e < n)");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException ex) {
            throw new InvalidTeeKeyException("unusable RSA key: " + ex.getMessage());
        }
    }
}
