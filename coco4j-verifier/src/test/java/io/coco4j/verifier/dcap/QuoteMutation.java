package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.CertificationData;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.tee.dcap.QeReportCertificationData;
import io.coco4j.protocol.tee.dcap.QuoteHeader;
import io.coco4j.protocol.tee.dcap.QuoteSignatureData;
import io.coco4j.protocol.tee.dcap.ReportBody;
import io.coco4j.protocol.tee.dcap.TdReport;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Quotes with exactly one part altered, for the negative tests. */
final class QuoteMutation {

    private QuoteMutation() {
    }

    static byte[] flipHeaderByte(byte[] raw, int offset) throws Exception {
        DcapQuote quote = DcapQuote.parse(raw);
        byte[] header = quote.header().bytes();
        header[offset] ^= 0x01;
        return DcapQuote.create(QuoteHeader.of(header), quote.body(), quote.signatureData()).encode();
    }

    static byte[] flipBodyByte(byte[] raw, int offset) throws Exception {
        DcapQuote quote = DcapQuote.parse(raw);
        byte[] body = quote.body().bytes();
        body[offset] ^= 0x01;
        ReportBody altered = quote.body() instanceof TdReport ? TdReport.of(body) : EnclaveReport.of(body);
        return DcapQuote.create(quote.header(), altered, quote.signatureData()).encode();
    }

    interface SignatureChange {
        QuoteSignatureData apply(QuoteSignatureData signature) throws Exception;
    }

    static byte[] withSignature(byte[] raw, SignatureChange change) throws Exception {
        DcapQuote quote = DcapQuote.parse(raw);
        return DcapQuote.create(quote.header(), quote.body(), change.apply(quote.signatureData())).encode();
    }

    static byte[] flip(byte[] value, int offset) {
        byte[] out = value.clone();
        out[offset] ^= 0x01;
        return out;
    }

    static byte[] flipQuoteSignature(byte[] raw) throws Exception {
        return withSignature(raw, s -> new QuoteSignatureData(flip(s.quoteSignature(), 10), s.attestationKey(), s.qeCertification()));
    }

    static byte[] flipAttestationKey(byte[] raw) throws Exception {
        return withSignature(raw, s -> new QuoteSignatureData(s.quoteSignature(), flip(s.attestationKey(), 5), s.qeCertification()));
    }

    static byte[] flipQeReport(byte[] raw, int offset) throws Exception {
        return withQe(raw, qe -> new QeReportCertificationData(EnclaveReport.of(flip(qe.qeReport().bytes(), offset)),
                qe.qeReportSignature(), qe.qeAuthData(), qe.certificationData()));
    }

    static byte[] flipQeAuthData(byte[] raw) throws Exception {
        return withQe(raw, qe -> new QeReportCertificationData(qe.qeReport(), qe.qeReportSignature(), flip(qe.qeAuthData(), 0),
                qe.certificationData()));
    }

    interface QeChange {
        QeReportCertificationData apply(QeReportCertificationData qe) throws Exception;
    }

    static byte[] withQe(byte[] raw, QeChange change) throws Exception {
        return withSignature(raw, s -> new QuoteSignatureData(s.quoteSignature(), s.attestationKey(), change.apply(s.qeCertification())));
    }

    /** Flips a byte in the signature value of certificate {@code index} (0 leaf, 1 CA, 2 root) of the PCK chain. */
    static byte[] flipCertificateSignature(byte[] raw, int index) throws Exception {
        return withQe(raw, qe -> {
            String pem = new String(qe.certificationData().data(), StandardCharsets.US_ASCII);
            List<X509Certificate> chain = Certificates.parsePem(pem);
            List<byte[]> ders = new ArrayList<>();
            for (X509Certificate certificate : chain) {
                ders.add(certificate.getEncoded());
            }
            byte[] der = ders.get(index);
            der[der.length - 5] ^= 0x01; // inside the trailing ECDSA signature value
            ders.set(index, der);
            return new QeReportCertificationData(qe.qeReport(), qe.qeReportSignature(), qe.qeAuthData(),
                    CertificationData.pckCertificateChain(pem(ders)));
        });
    }

    static String pem(List<byte[]> ders) {
        StringBuilder out = new StringBuilder();
        for (byte[] der : ders) {
            out.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }
}
