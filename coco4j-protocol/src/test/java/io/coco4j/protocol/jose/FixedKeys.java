package io.coco4j.protocol.jose;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;

/** Deterministic P-256 keys with a scalar of 32 repeated bytes, as the guest spec's vectors use. */
public final class FixedKeys {

    private FixedKeys() {
    }

    public static KeyPair p256(int repeatedByte) throws Exception {
        byte[] d = new byte[32];
        java.util.Arrays.fill(d, (byte) repeatedByte);
        BigInteger s = new BigInteger(1, d);
        var params = EcCurve.P256.params();
        KeyFactory factory = KeyFactory.getInstance("EC");
        ECPrivateKey priv = (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(s, params));
        var spec = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
        var q = spec.getG().multiply(s).normalize();
        var pub = factory.generatePublic(new ECPublicKeySpec(new java.security.spec.ECPoint(
                q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), params));
        return new KeyPair(pub, priv);
    }
}
