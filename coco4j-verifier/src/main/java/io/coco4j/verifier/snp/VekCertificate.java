package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A VCEK or VLEK certificate with AMD's extensions read out: the SPLs it was issued for, the
 * chip's hwID (VCEK only) and the product name.
 */
public final class VekCertificate {

    static final String OID_PRODUCT_NAME = "1.3.6.1.4.1.3704.1.2";
    static final String OID_BL_SPL = "1.3.6.1.4.1.3704.1.3.1";
    static final String OID_TEE_SPL = "1.3.6.1.4.1.3704.1.3.2";
    static final String OID_SNP_SPL = "1.3.6.1.4.1.3704.1.3.3";
    static final String OID_UCODE_SPL = "1.3.6.1.4.1.3704.1.3.8";
    static final String OID_FMC_SPL = "1.3.6.1.4.1.3704.1.3.9";
    static final String OID_HW_ID = "1.3.6.1.4.1.3704.1.4";
    static final String OID_CSP_ID = "1.3.6.1.4.1.3704.1.5";

    private final X509Certificate certificate;
    private final VekType type;
    private final TcbVersion tcb;
    private final Optional<byte[]> hwId;
    private final Optional<String> productName;

    private VekCertificate(X509Certificate certificate, VekType type, TcbVersion tcb, Optional<byte[]> hwId, Optional<String> productName) {
        this.certificate = certificate;
        this.type = type;
        this.tcb = tcb;
        this.hwId = hwId;
        this.productName = productName;
    }

    /** Parses DER or PEM; the type comes from the subject CN ({@code SEV-VCEK} / {@code SEV-VLEK}). */
    public static VekCertificate parse(byte[] derOrPem) throws CertificateException {
        return of(SnpCertificates.readOne(derOrPem));
    }

    public static VekCertificate of(X509Certificate cert) throws CertificateException {
        String cn = SnpCertificates.commonName(cert);
        VekType type = cn.contains("VLEK") ? VekType.VLEK : VekType.VCEK;
        OptionalInt fmc = optionalInt(cert, OID_FMC_SPL);
        TcbVersion tcb = new TcbVersion(fmc, requiredInt(cert, OID_BL_SPL), requiredInt(cert, OID_TEE_SPL),
                requiredInt(cert, OID_SNP_SPL), requiredInt(cert, OID_UCODE_SPL));
        Optional<byte[]> hwId = octets(cert, OID_HW_ID);
        if (type == VekType.VCEK && hwId.isEmpty()) {
            throw new CertificateException("VCEK has no hwID extension");
        }
        Optional<String> product = extension(cert, OID_PRODUCT_NAME).map(VekCertificate::text);
        return new VekCertificate(cert, type, tcb, hwId, product);
    }

    private static Optional<ASN1Primitive> extension(X509Certificate cert, String oid) throws CertificateException {
        byte[] wrapped = cert.getExtensionValue(oid);
        if (wrapped == null) {
            return Optional.empty();
        }
        try {
            byte[] value = ASN1OctetString.getInstance(wrapped).getOctets();
            return Optional.of(ASN1Primitive.fromByteArray(value));
        } catch (IOException | IllegalArgumentException e) {
            // The legacy hwID encoding is 64 raw bytes, not DER: hand them back as an OCTET STRING.
            byte[] value = ASN1OctetString.getInstance(wrapped).getOctets();
            return Optional.of(new org.bouncycastle.asn1.DEROctetString(value));
        }
    }

    private static OptionalInt optionalInt(X509Certificate cert, String oid) throws CertificateException {
        Optional<ASN1Primitive> value = extension(cert, oid);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!(value.get() instanceof ASN1Integer integer)) {
            throw new CertificateException("VEK extension " + oid + " is not an INTEGER");
        }
        int v = integer.intValueExact();
        if (v < 0 || v > 255) {
            throw new CertificateException("VEK extension " + oid + " is outside 0..255");
        }
        return OptionalInt.of(v);
    }

    private static int requiredInt(X509Certificate cert, String oid) throws CertificateException {
        OptionalInt v = optionalInt(cert, oid);
        if (v.isEmpty()) {
            throw new CertificateException("VEK lacks SPL extension " + oid);
        }
        return v.getAsInt();
    }

    /** The hwID: either raw bytes as the extension value, or (newer encoding) an OCTET STRING wrapping them. */
    private static Optional<byte[]> octets(X509Certificate cert, String oid) throws CertificateException {
        byte[] wrapped = cert.getExtensionValue(oid);
        if (wrapped == null) {
            return Optional.empty();
        }
        byte[] value = ASN1OctetString.getInstance(wrapped).getOctets();
        if (value.length >= 2 && value[0] == 0x04) {
            try {
                ASN1Primitive inner = ASN1Primitive.fromByteArray(value);
                if (inner instanceof ASN1OctetString octets && octets.getEncoded().length == value.length) {
                    return Optional.of(octets.getOctets());
                }
            } catch (IOException | IllegalArgumentException e) {
                // not DER: the raw encoding
            }
        }
        return Optional.of(value);
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : value.toString();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public VekType type() {
        return type;
    }

    /** The SPLs the key was derived for. */
    public TcbVersion tcb() {
        return tcb;
    }

    /** The chip identifier (64 bytes; 8 bytes on Turin). */
    public Optional<byte[]> hwId() {
        return hwId.map(byte[]::clone);
    }

    /** {@code productName}, e.g. {@code Milan-B0}. */
    public Optional<String> productName() {
        return productName;
    }

    public Optional<SnpProduct> product() {
        return productName.flatMap(SnpProduct::fromName);
    }
}
