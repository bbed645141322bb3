package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.CertificationData;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.verifier.VerificationException;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/** The FMSPC and PCK CA of a quote's platform, read (not verified) from its PCK chain to look up collateral. */
record PlatformId(byte[] fmspc, PckCaType ca) {

    static PlatformId of(DcapQuote quote) throws VerificationException {
        CertificationData data = quote.signatureData().qeCertification().certificationData();
        if (data.type() != CertificationData.PCK_CERTIFICATE_CHAIN) {
            throw new MalformedQuoteException("the quote carries certification data type " + data.type() + ", not its PCK chain");
        }
        List<X509Certificate> chain;
        try {
            chain = Certificates.parsePem(data.data());
        } catch (CertificateException e) {
            throw new PckChainException("the PCK certificate chain cannot be parsed: " + e.getMessage());
        }
        if (chain.size() < 2) {
            throw new PckChainException("the PCK certificate chain has no CA certificate");
        }
        String cn = Certificates.commonName(chain.get(1).getSubjectX500Principal()).orElse("");
        PckCaType ca = PckCaType.ofCommonName(cn).orElseThrow(() -> new PckChainException("unknown PCK CA \"" + cn + "\""));
        return new PlatformId(PckExtensions.of(chain.get(0)).fmspc(), ca);
    }
}
