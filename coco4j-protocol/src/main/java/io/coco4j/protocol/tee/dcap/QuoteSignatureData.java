package io.coco4j.protocol.tee.dcap;

/**
 * The ECDSA-256 quote signature data: the signature over header and body ({@code r || s}), the
 * attestation public key ({@code x || y}), and the QE report certification data. Quote v3 lays the
 * QE report data out inline; v4 and v5 wrap it in a certification-data block of type 6.
 */
public record QuoteSignatureData(byte[] quoteSignature, byte[] attestationKey, QeReportCertificationData qeCertification) {

    public QuoteSignatureData {
        if (quoteSignature.length != 64) {
            throw new IllegalArgumentException("the quote signature is 64 bytes (r || s)");
        }
        if (attestationKey.length != 64) {
            throw new IllegalArgumentException("the attestation key is 64 bytes (x || y)");
        }
        quoteSignature = quoteSignature.clone();
        attestationKey = attestationKey.clone();
    }

    @Override
    public byte[] quoteSignature() {
        return quoteSignature.clone();
    }

    @Override
    public byte[] attestationKey() {
        return attestationKey.clone();
    }

    static QuoteSignatureData read(QuoteReader in, int version) throws QuoteFormatException {
        byte[] signature = in.bytes(64, "quote signature");
        byte[] key = in.bytes(64, "attestation key");
        QeReportCertificationData qe;
        if (version == 3) {
            qe = QeReportCertificationData.read(in);
        } else {
            CertificationData outer = CertificationData.read(in);
            if (outer.type() != CertificationData.QE_REPORT_CERTIFICATION_DATA) {
                throw new QuoteFormatException("quote v" + version + " certification data has type " + outer.type()
                        + " where type 6 (QE report certification data) is required");
            }
            byte[] inner = outer.data();
            qe = QeReportCertificationData.read(new QuoteReader(inner, 0, inner.length));
        }
        return new QuoteSignatureData(signature, key, qe);
    }

    void writeTo(QuoteWriter out, int version) {
        out.bytes(quoteSignature).bytes(attestationKey);
        if (version == 3) {
            qeCertification.writeTo(out);
        } else {
            QuoteWriter inner = new QuoteWriter();
            qeCertification.writeTo(inner);
            new CertificationData(CertificationData.QE_REPORT_CERTIFICATION_DATA, inner.toByteArray()).writeTo(out);
        }
    }
}
