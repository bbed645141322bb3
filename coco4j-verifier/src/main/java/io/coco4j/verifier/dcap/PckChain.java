package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A PCK certificate chain from a quote's certification data whose structure, signatures and root
 * have been verified: the PCK leaf, the Platform or Processor CA, and the Intel SGX Root CA, with
 * the leaf's SGX extensions parsed. Validity in time is checked on each use with {@link #requireValidAt}.
 */
public final class PckChain {

    private final List<X509Certificate> certificates;
    private final PckCaType caType;
    private final PckExtensions extensions;
    private final byte[] intermediateFingerprint;
    private final PublicKey pckKey;
    private final String collateralId;
    private final Instant notBefore;
    private final Instant notAfter;

    private PckChain(List<X509Certificate> certificates, PckCaType caType, PckExtensions extensions) {
        this.certificates = List.copyOf(certificates);
        this.caType = caType;
        this.extensions = extensions;
        this.intermediateFingerprint = TrustedRootCa.fingerprintOf(certificates.get(1));
        this.pckKey = Ecdsa.forVerification(certificates.get(0).getPublicKey());
        java.util.HexFormat hex = java.util.HexFormat.of();
        this.collateralId = hex.formatHex(extensions.fmspc()) + "/" + hex.formatHex(extensions.pceId()) + "/" + caType + "/"
                + hex.formatHex(intermediateFingerprint);
        Instant earliestEnd = Instant.MAX;
        Instant latestStart = Instant.MIN;
        for (X509Certificate certificate : certificates) {
            Instant start = certificate.getNotBefore().toInstant();
            Instant end = certificate.getNotAfter().toInstant();
            latestStart = start.isAfter(latestStart) ? start : latestStart;
            earliestEnd = end.isBefore(earliestEnd) ? end : earliestEnd;
        }
        this.notBefore = latestStart;
        this.notAfter = earliestEnd;
    }

    /** Parses and verifies the PEM chain of certification data type 5. */
    static PckChain verify(byte[] pem, TrustedRootCa root) throws VerificationException {
        List<X509Certificate> certificates;
        try {
            certificates = Certificates.parsePem(pem);
        } catch (CertificateException | RuntimeException e) {
            throw new PckChainException("the PCK certificate chain cannot be parsed: " + e.getMessage());
        }
        if (certificates.size() != 3) {
            throw new PckChainException("the PCK certificate chain has " + certificates.size()
                    + " certificates; the PCK certificate, its CA and the root are required");
        }
        ChainRules.verify(certificates, root, "PCK certificate chain", PckChainException::new);
        X509Certificate intermediate = certificates.get(1);
        String cn = Certificates.commonName(intermediate.getSubjectX500Principal()).orElse("");
        PckCaType caType = PckCaType.ofCommonName(cn).orElseThrow(() -> new PckChainException(
                "the PCK certificate is issued by \"" + cn + "\", not by the Intel SGX PCK Platform or Processor CA"));
        PckExtensions extensions = PckExtensions.of(certificates.get(0));
        return new PckChain(certificates, caType, extensions);
    }

    /** Requires every certificate of the chain to be valid at {@code at}. */
    void requireValidAt(Instant at) throws PckChainException {
        if (at.isBefore(notBefore) || at.isAfter(notAfter)) {
            X509Certificate invalid = ChainRules.firstInvalidAt(certificates, at).orElseThrow();
            throw new PckChainException("the PCK certificate chain is not valid at " + at + ": " + ChainRules.validity(invalid));
        }
    }

    public X509Certificate pckCertificate() {
        return certificates.get(0);
    }

    public X509Certificate intermediate() {
        return certificates.get(1);
    }

    public X509Certificate root() {
        return certificates.get(2);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public PublicKey pckKey() {
        return pckKey;
    }

    /** What selects this platform's collateral: FMSPC, PCEID, PCK CA and the exact CA certificate. */
    String collateralId() {
        return collateralId;
    }

    public PckCaType caType() {
        return caType;
    }

    public PckExtensions extensions() {
        return extensions;
    }

    byte[] intermediateFingerprint() {
        return intermediateFingerprint.clone();
    }
}
