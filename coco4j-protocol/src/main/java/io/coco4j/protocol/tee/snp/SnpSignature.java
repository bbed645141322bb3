package io.coco4j.protocol.tee.snp;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The report's ECDSA P-384 signature as the firmware stores it: r and s each 72 bytes,
 * little-endian. JCA wants DER, so conversions both ways live here.
 */
public final class SnpSignature {

    private final byte[] r;
    private final byte[] s;

    public SnpSignature(byte[] r, byte[] s) {
        if (r.length != SnpReportLayout.SIGNATURE_COMPONENT_LENGTH || s.length != SnpReportLayout.SIGNATURE_COMPONENT_LENGTH) {
            throw new IllegalArgumentException("SNP signature components must be 72 bytes each");
        }
        this.r = r.clone();
        this.s = s.clone();
    }

    /** r, little-endian, 72 bytes. */
    public byte[] r() {
        return r.clone();
    }

    /** s, little-endian, 72 bytes. */
    public byte[] s() {
        return s.clone();
    }

    /** The ASN.1 DER {@code ECDSA-Sig-Value} for {@code Signature.verify}. */
    public byte[] toDer() {
        try {
            return new DERSequence(new ASN1Encodable[]{new ASN1Integer(littleEndian(r)), new ASN1Integer(littleEndian(s))}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From a DER {@code ECDSA-Sig-Value}, as a JCA signer produces it. */
    public static SnpSignature fromDer(byte[] der) {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a DER ECDSA signature", e);
        }
        if (seq.size() != 2) {
            throw new IllegalArgumentException("not a DER ECDSA signature");
        }
        return new SnpSignature(toLittleEndian(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue()),
                toLittleEndian(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()));
    }

    private static BigInteger littleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > SnpReportLayout.SIGNATURE_COMPONENT_LENGTH * 8) {
            throw new IllegalArgumentException("signature component out of range");
        }
        byte[] be = value.toByteArray();
        byte[] le = new byte[SnpReportLayout.SIGNATURE_COMPONENT_LENGTH];
        for (int i = 0; i < be.length && i < le.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnpSignature other && Arrays.equals(r, other.r) && Arrays.equals(s, other.s);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + Arrays.hashCode(s);
    }
}
