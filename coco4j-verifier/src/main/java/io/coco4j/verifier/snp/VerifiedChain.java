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
public record VerifiedChain(SnpProduct product, VekCertificate vek, X509Certificate intermediate, X509Certificate ark, PublicKey vekKey) {

    /**
     * The VEK's public key as the crypto facade's P-384 provider represents it. The certificate
     * parser yields a JDK key, which another provider would convert on every verification; the
     * conversion is done once here, for the lifetime of the cached chain.
     */
    static PublicKey providerKey(X509Certificate vek) {
        PublicKey key = vek.getPublicKey();
        if (!(key instanceof java.security.interfaces.ECPublicKey ec)) {
            return key;
        }
        try {
            return io.coco4j.protocol.crypto.CryptoProviders.get().ecKeyFactory(io.coco4j.protocol.crypto.CryptoProviders.primitiveFor(ec.getParams()))
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(key.getEncoded()));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return key;
        }
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
