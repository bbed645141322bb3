package io.coco4j.verifier.dcap;

import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.crypto.Primitive;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** ECDSA-P256/SHA-256 as DCAP encodes it: raw {@code r || s} signatures and raw {@code x || y} keys. */
final class Ecdsa {

    private static final ECParameterSpec P256;

    static {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            P256 = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Ecdsa() {
    }

    /** The P-256 public key with raw coordinates {@code x || y}. */
    static ECPublicKey p256Key(byte[] xy) throws GeneralSecurityException {
        if (xy.length != 64) {
            throw new GeneralSecurityException("a P-256 point is 64 bytes, not " + xy.length);
        }
        ECPoint point = new ECPoint(new BigInteger(1, java.util.Arrays.copyOfRange(xy, 0, 32)),
                new BigInteger(1, java.util.Arrays.copyOfRange(xy, 32, 64)));
        return (ECPublicKey) CryptoProviders.get().ecKeyFactory(Primitive.EC_P256).generatePublic(new ECPublicKeySpec(point, P256));
    }

    /**
     * The same key as an object of the provider that verifies P-256 signatures: handing a JDK key
     * to a native provider makes it re-encode and re-import the key on every verification.
     */
    static PublicKey forVerification(PublicKey key) {
        if (!(key instanceof ECPublicKey ec) || CryptoProviders.primitiveFor(ec.getParams()) != Primitive.EC_P256) {
            return key;
        }
        try {
            return CryptoProviders.get().ecKeyFactory(Primitive.EC_P256).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /** Verifies a raw {@code r || s} ECDSA-SHA256 signature; malformed input is simply "does not verify". */
    static boolean verifyRaw(PublicKey key, byte[] data, byte[] rawSignature) {
        return verifyRaw(key, data, 0, data.length, rawSignature);
    }

    static boolean verifyRaw(PublicKey key, byte[] data, int offset, int length, byte[] rawSignature) {
        if (rawSignature.length != 64) {
            return false;
        }
        try {
            Signature verifier = CryptoProviders.get().signature("SHA256withECDSA", key);
            verifier.initVerify(key);
            verifier.update(data, offset, length);
            return verifier.verify(derSignature(rawSignature));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Verifies a DER-encoded signature with the algorithm a certificate or CRL names. */
    static boolean verifyDer(String algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = CryptoProviders.get().signature(algorithm, key);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** {@code r || s} (32 bytes each) as an ASN.1 {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    static byte[] derSignature(byte[] raw) {
        byte[] r = derInteger(raw, 0);
        byte[] s = derInteger(raw, 32);
        byte[] out = new byte[2 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, out, 2, r.length);
        System.arraycopy(s, 0, out, 2 + r.length, s.length);
        return out;
    }

    private static byte[] derInteger(byte[] raw, int offset) {
        int start = offset;
        int end = offset + 32;
        while (start < end - 1 && raw[start] == 0) {
            start++;
        }
        boolean pad = (raw[start] & 0x80) != 0;
        int length = end - start + (pad ? 1 : 0);
        byte[] out = new byte[2 + length];
        out[0] = 0x02;
        out[1] = (byte) length;
        System.arraycopy(raw, start, out, 2 + (pad ? 1 : 0), end - start);
        return out;
    }

    /** A DER ECDSA signature as raw {@code r || s}, for tests and attesters. */
    static byte[] rawSignature(byte[] der) {
        org.bouncycastle.asn1.ASN1Sequence sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
        byte[] out = new byte[64];
        copyUnsigned(((org.bouncycastle.asn1.ASN1Integer) sequence.getObjectAt(0)).getValue(), out, 0);
        copyUnsigned(((org.bouncycastle.asn1.ASN1Integer) sequence.getObjectAt(1)).getValue(), out, 32);
        return out;
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int from = Math.max(0, bytes.length - 32);
        int length = bytes.length - from;
        System.arraycopy(bytes, from, out, offset + 32 - length, length);
    }
}
