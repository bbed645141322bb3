package io.coco4j.protocol.tee.dcap;

import java.nio.charset.StandardCharsets;

/**
 * A typed certification-data block ({@code u16 type, u32 size, data}). Type 5 carries the PCK
 * certificate chain as concatenated PEM; type 6 carries the QE report certification data, which in
 * turn nests another block (normally type 5).
 */
public record CertificationData(int type, byte[] data) {

    public static final int PPID_CLEARTEXT = 1;
    public static final int PPID_RSA2048_OAEP = 2;
    public static final int PPID_RSA3072_OAEP = 3;
    public static final int PCK_LEAF_CERTIFICATE = 4;
    public static final int PCK_CERTIFICATE_CHAIN = 5;
    public static final int QE_REPORT_CERTIFICATION_DATA = 6;
    public static final int PLATFORM_MANIFEST = 7;

    public CertificationData {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** A type 5 block with the PEM text of the PCK chain (leaf first). */
    public static CertificationData pckCertificateChain(String pem) {
        return new CertificationData(PCK_CERTIFICATE_CHAIN, pem.getBytes(StandardCharsets.US_ASCII));
    }

    static CertificationData read(QuoteReader in) throws QuoteTruncatedException {
        int type = in.u16("certification data type");
        long size = in.u32("certification data size");
        return new CertificationData(type, in.bytes(size, "certification data of type " + type));
    }

    void writeTo(QuoteWriter out) {
        out.u16(type).u32(data.length).bytes(data);
    }
}
