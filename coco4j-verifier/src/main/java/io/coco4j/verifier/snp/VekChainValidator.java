package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks ARK → ASK (or ASVK) → VEK: the ARK must be the pinned root of the product and
 * self-signed, each certificate must name and be signed by the next one up, all must be valid at
 * the validation time, and none may be listed in a CRL the ARK (or the intermediate) signed.
 */
public final class VekChainValidator {

    private final ArkPins pins;

    public VekChainValidator(ArkPins pins) {
        this.pins = pins;
    }

    public ArkPins pins() {
        return pins;
    }

    public VerifiedChain validate(SnpProduct product, VekCertificate vek, X509Certificate intermediate, X509Certificate ark,
                                  Instant at, List<X509CRL> crls)
            throws UntrustedArkException, SnpCertificateSignatureException, SnpCertificateExpiredException, SnpCertificateRevokedException {
        if (!pins.matches(product, ark)) {
            throw new UntrustedArkException("the ARK presented for " + product + " (" + SnpCertificates.commonName(ark)
                    + ", SHA-256 " + ArkPins.fingerprint(ark) + ") is not the pinned root of that product");
        }
        if (!ark.getIssuerX500Principal().equals(ark.getSubjectX500Principal()) || !X509Signatures.signedBy(ark, ark.getPublicKey())) {
            throw new SnpCertificateSignatureException("ARK " + SnpCertificates.commonName(ark) + " is not self-signed");
        }
        if (!intermediate.getIssuerX500Principal().equals(ark.getSubjectX500Principal())
                || !X509Signatures.signedBy(intermediate, ark.getPublicKey())) {
            throw new SnpCertificateSignatureException((vek.type() == VekType.VCEK ? "ASK " : "ASVK ") + SnpCertificates.commonName(intermediate)
                    + " is not signed by the ARK of " + product);
        }
        X509Certificate leaf = vek.certificate();
        if (!leaf.getIssuerX500Principal().equals(intermediate.getSubjectX500Principal())
                || !X509Signatures.signedBy(leaf, intermediate.getPublicKey())) {
            throw new SnpCertificateSignatureException(vek.type() + " is not signed by " + SnpCertificates.commonName(intermediate));
        }
        VerifiedChain chain = new VerifiedChain(product, vek, intermediate, ark);
        chain.checkValidity(at);
        for (X509CRL crl : crls) {
            checkRevocation(crl, List.of(ark, intermediate), List.of(intermediate, leaf), at);
        }
        return chain;
    }

    /** A CRL counts only if its issuer is one of the chain's CAs and it is signed by that CA. */
    private static void checkRevocation(X509CRL crl, List<X509Certificate> issuers, List<X509Certificate> subjects, Instant at)
            throws SnpCertificateRevokedException, SnpCertificateSignatureException {
        X509Certificate issuer = issuers.stream().filter(ca -> ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())).findFirst()
                .orElseThrow(() -> new SnpCertificateSignatureException("CRL issuer " + SnpCertificates.commonName(crl.getIssuerX500Principal())
                        + " is not a CA of this chain"));
        if (!X509Signatures.signedBy(crl, issuer.getPublicKey())) {
            throw new SnpCertificateSignatureException("CRL of " + SnpCertificates.commonName(issuer) + " is not signed by it");
        }
        if (crl.getThisUpdate().after(Date.from(at))) {
            throw new SnpCertificateSignatureException("CRL of " + SnpCertificates.commonName(issuer) + " is issued after the validation time");
        }
        for (X509Certificate subject : subjects) {
            if (subject.getIssuerX500Principal().equals(crl.getIssuerX500Principal()) && crl.getRevokedCertificate(subject) != null) {
                throw new SnpCertificateRevokedException("certificate " + SnpCertificates.commonName(subject) + " is revoked by the CRL of "
                        + SnpCertificates.commonName(issuer));
            }
        }
    }
}
