package io.coco4j.verifier.dcap;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reading certificates and CRLs in the encodings Intel's services use (PEM chains, DER, hex). */
final class Certificates {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    private Certificates() {
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }

    /** The certificates of concatenated PEM text, in order; text around the blocks (and NUL padding) is ignored. */
    static List<X509Certificate> parsePem(String pem) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        int from = 0;
        CertificateFactory factory = factory();
        while (true) {
            int begin = pem.indexOf(BEGIN + "CERTIFICATE-----", from);
            if (begin < 0) {
                break;
            }
            int bodyStart = pem.indexOf('\n', begin);
            int end = pem.indexOf(END + "CERTIFICATE-----", begin);
            if (bodyStart < 0 || end < 0 || end < bodyStart) {
                throw new CertificateException("unterminated PEM certificate block");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(pem.substring(bodyStart + 1, end));
            } catch (IllegalArgumentException e) {
                throw new CertificateException("PEM certificate block is not base64");
            }
            out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            from = end + END.length();
        }
        return out;
    }

    static List<X509Certificate> parsePem(byte[] pem) throws CertificateException {
        return parsePem(new String(pem, StandardCharsets.US_ASCII));
    }

    /** A CRL given as DER, PEM, or hex text of DER (PCCS serves the root CA CRL as hex). */
    static X509CRL parseCrl(byte[] encoded) throws CRLException {
        byte[] der = encoded;
        String text = new String(encoded, StandardCharsets.US_ASCII).trim();
        if (text.startsWith(BEGIN)) {
            int bodyStart = text.indexOf('\n');
            int end = text.indexOf(END);
            if (bodyStart < 0 || end < bodyStart) {
                throw new CRLException("unterminated PEM CRL block");
            }
            der = Base64.getMimeDecoder().decode(text.substring(bodyStart + 1, end));
        } else if (!text.isEmpty() && text.chars().allMatch(c -> Character.digit(c, 16) >= 0) && text.length() % 2 == 0) {
            der = HexFormat.of().parseHex(text);
        }
        return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
    }

    /** The first common name of a distinguished name. */
    static Optional<String> commonName(javax.security.auth.x500.X500Principal principal) {
        RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
        return rdns.length == 0 ? Optional.empty() : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }

    /** The CRL number extension (2.5.29.20), or zero when absent. */
    static BigInteger crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue("2.5.29.20");
        if (value == null) {
            return BigInteger.ZERO;
        }
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
    }

    /** Certificate signatures are checked through the crypto facade, like every other signature. */
    static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            return certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                    && Ecdsa.verifyDer(certificate.getSigAlgName(), issuer.getPublicKey(), certificate.getTBSCertificate(),
                    certificate.getSignature());
        } catch (CertificateException e) {
            return false;
        }
    }

    static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            return crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                    && Ecdsa.verifyDer(crl.getSigAlgName(), issuer.getPublicKey(), crl.getTBSCertList(), crl.getSignature());
        } catch (CRLException e) {
            return false;
        }
    }
}
