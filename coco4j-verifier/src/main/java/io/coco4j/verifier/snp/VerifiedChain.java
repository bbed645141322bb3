package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;

import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * An ARK → ASK/ASVK → VEK chain whose signatures, pins and revocation status were checked. Only
 * the validity periods depend on the time, so they are re-checked on every use of a cached chain.
 */
public record VerifiedChain(SnpProduct product, VekCertificate vek, X509Certificate intermediate, X509Certificate ark) {

    public PublicKey vekKey() {
        return vek.certificate().getPublicKey();
    }

    /** Every certificate must be valid at {@code at}. */
    public void checkValidity(Instant at) throws SnpCertificateExpiredException {
        Date date = Date.from(at);
        for (X509Certificate cert : List.of(vek.certificate(), intermediate, ark)) {
            try {
                cert.checkValidity(date);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new SnpCertificateExpiredException("certificate " + SnpCertificates.commonName(cert) + " is not valid at " + at
                        + " (valid " + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ")");
            }
        }
    }
}
