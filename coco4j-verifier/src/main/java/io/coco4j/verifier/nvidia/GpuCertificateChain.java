package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.VerificationException;
import org.bouncycastle.asn1.ASN1OctetString;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A GPU's certificate chain as the driver reports it: the attestation (signing) certificate first,
 * then the intermediates, then the device architecture CA and the NVIDIA Device Identity CA last.
 * The checks run in the reference's order, so the same broken chain gets the same answer: length,
 * pinned root, the leaf's FWID against the report, then the signatures and validity of the path.
 */
public final class GpuCertificateChain {

    /** TCG DICE TcbInfo; on Hopper the last 48 bytes of its value are the firmware id (SHA-384). */
    static final String FWID_EXTENSION = "2.23.133.5.4.1";
    private static final int FWID_LENGTH = 48;

    private final List<X509Certificate> certificates;

    private GpuCertificateChain(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /** Every certificate of a PEM bundle, in order. */
    public static GpuCertificateChain parsePem(byte[] pem) throws GpuChainInvalidException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            factory.generateCertificates(new ByteArrayInputStream(pem)).forEach(c -> certificates.add((X509Certificate) c));
            return new GpuCertificateChain(certificates);
        } catch (CertificateException e) {
            throw new GpuChainInvalidException("GPU certificate chain is not a PEM certificate list: " + e.getMessage(), e);
        }
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public X509Certificate signingCertificate() {
        return certificates.get(0);
    }

    /**
     * Verifies the chain for a report claiming {@code reportFwid}.
     *
     * @param trustedRoots SHA-256 fingerprints (hex) of the acceptable root certificates
     */
    public void verify(byte[] reportFwid, Set<String> trustedRoots, Instant at) throws VerificationException {
        if (certificates.size() < 2) {
            throw new GpuChainTooShortException("Certificate chain must have at least the root CA and signing certificates");
        }
        X509Certificate root = certificates.get(certificates.size() - 1);
        if (!trustedRoots.contains(fingerprint(root))) {
            throw new UntrustedGpuRootException("Root CA in the certificate chain is not trusted");
        }
        byte[] certificateFwid = fwid(signingCertificate());
        if (!MessageDigest.isEqual(certificateFwid, reportFwid)) {
            HexFormat hex = HexFormat.of();
            throw new FwidMismatchException("Fwid mismatch: certificate " + hex.formatHex(certificateFwid) + ", evidence " + hex.formatHex(reportFwid));
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(certificates.subList(0, certificates.size() - 1));
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (GeneralSecurityException e) {
            throw new GpuChainInvalidException("Report certificate chain failed to verify", e);
        }
    }

    /** The firmware id the signing certificate carries. */
    static byte[] fwid(X509Certificate certificate) throws FwidNotFoundException {
        byte[] extension = certificate.getExtensionValue(FWID_EXTENSION);
        if (extension == null) {
            throw new FwidNotFoundException("FwId oid not found in the NVIDIA signing certificate");
        }
        byte[] value;
        try {
            value = ASN1OctetString.getInstance(extension).getOctets();
        } catch (IllegalArgumentException e) {
            throw new FwidNotFoundException("FwId extension of the NVIDIA signing certificate is not an octet string");
        }
        if (value.length < FWID_LENGTH) {
            throw new FwidNotFoundException("Unexpected fwid oid size");
        }
        return Arrays.copyOfRange(value, value.length - FWID_LENGTH, value.length);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
