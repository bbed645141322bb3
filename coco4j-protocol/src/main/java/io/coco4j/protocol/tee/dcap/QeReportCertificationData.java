package io.coco4j.protocol.tee.dcap;

/**
 * What certifies the attestation key: the Quoting Enclave's report (whose REPORTDATA binds the
 * attestation key and the QE authentication data), its ECDSA signature by the PCK key, the QE
 * authentication data, and the certification data that leads to the PCK certificate.
 */
public record QeReportCertificationData(EnclaveReport qeReport, byte[] qeReportSignature, byte[] qeAuthData,
                                        CertificationData certificationData) {

    public QeReportCertificationData {
        if (qeReportSignature.length != 64) {
            throw new IllegalArgumentException("the QE report signature is 64 bytes (r || s)");
        }
        qeReportSignature = qeReportSignature.clone();
        qeAuthData = qeAuthData.clone();
    }

    @Override
    public byte[] qeReportSignature() {
        return qeReportSignature.clone();
    }

    @Override
    public byte[] qeAuthData() {
        return qeAuthData.clone();
    }

    static QeReportCertificationData read(QuoteReader in) throws QuoteTruncatedException {
        EnclaveReport report = EnclaveReport.of(in.bytes(EnclaveReport.LAYOUT.size(), "QE report"));
        byte[] signature = in.bytes(64, "QE report signature");
        int authSize = in.u16("QE authentication data size");
        byte[] auth = in.bytes(authSize, "QE authentication data");
        CertificationData certification = CertificationData.read(in);
        return new QeReportCertificationData(report, signature, auth, certification);
    }

    void writeTo(QuoteWriter out) {
        out.bytes(qeReport.bytes()).bytes(qeReportSignature).u16(qeAuthData.length).bytes(qeAuthData);
        certificationData.writeTo(out);
    }
}
