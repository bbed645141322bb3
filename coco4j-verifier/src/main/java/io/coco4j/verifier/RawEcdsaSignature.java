package io.coco4j.verifier;

import io.coco4j.protocol.crypto.CryptoProviders;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * An ECDSA signature in the fixed-width {@code r || s} form (big-endian, each half the size of the
 * curve order), as SPDM and COSE carry it. JCA engines take DER, and not every provider offers a
 * P1363 variant, so it is converted here once.
 */
public final class RawEcdsaSignature {

    private RawEcdsaSignature() {
    }

    /**
     * Whether {@code rawSignature} is a valid signature of {@code data[0..length)} under {@code key}
     * with {@code algorithm} (e.g. {@code SHA384withECDSA}). A malformed signature simply does not verify.
     */
    public static boolean verify(String algorithm, PublicKey key, byte[] data, int length, byte[] rawSignature) {
        if (rawSignature.length == 0 || rawSignature.length % 2 != 0) {
            return false;
        }
        try {
            Signature verifier = CryptoProviders.get().signature(algorithm, key);
            verifier.initVerify(key);
            verifier.update(data, 0, length);
            return verifier.verify(toDer(rawSignature));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return false;
        }
    }

    static byte[] toDer(byte[] raw) throws IOException {
        int half = raw.length / 2;
        ASN1EncodableVector rs = new ASN1EncodableVector();
        rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, half))));
        rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))));
        return new DERSequence(rs).getEncoded("DER");
    }
}
