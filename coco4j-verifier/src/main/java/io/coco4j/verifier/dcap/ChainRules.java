package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The structural rules of Intel's certificate chains (PCK chain, TCB signing chain, PCK CRL issuer
 * chain): leaf first, each certificate issued and signed by the next, every issuer a CA, and the
 * last one the pinned root, self-signed. Validity in time is checked separately, at the
 * validation time of each use, so that a verified chain can be cached.
 */
final class ChainRules {

    /** Makes the exception for a broken chain of one kind (PCK chain or collateral issuer chain). */
    interface Failure {
        VerificationException of(String message);
    }

    private ChainRules() {
    }

    static void verify(List<X509Certificate> chain, TrustedRootCa root, String name, Failure failure) throws VerificationException {
        if (chain.size() < 2) {
            throw failure.of(name + " has " + chain.size() + " certificate(s); a leaf, its CAs and the root are required");
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (!root.matches(last)) {
            throw new UntrustedRootException(name + " ends in \"" + last.getSubjectX500Principal().getName()
                    + "\", which is not the pinned root (SHA-256 " + root.fingerprintHex() + ")");
        }
        if (!Certificates.signedBy(last, last)) {
            throw new UntrustedRootException(name + ": the root certificate is not self-signed");
        }
        for (int i = 0; i < chain.size() - 1; i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            if (issuer.getBasicConstraints() < 0) {
                throw failure.of(name + ": \"" + issuer.getSubjectX500Principal().getName() + "\" is not a CA certificate");
            }
            if (!Certificates.signedBy(certificate, issuer)) {
                throw failure.of(name + ": the signature of \"" + certificate.getSubjectX500Principal().getName()
                        + "\" does not verify with the key of \"" + issuer.getSubjectX500Principal().getName() + "\"");
            }
        }
    }

    /** The first certificate not valid at {@code at}, if any. */
    static Optional<X509Certificate> firstInvalidAt(List<X509Certificate> chain, Instant at) {
        for (X509Certificate certificate : chain) {
            if (at.isBefore(certificate.getNotBefore().toInstant()) || at.isAfter(certificate.getNotAfter().toInstant())) {
                return Optional.of(certificate);
            }
        }
        return Optional.empty();
    }

    static String validity(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\" (valid " + certificate.getNotBefore().toInstant()
                + " to " + certificate.getNotAfter().toInstant() + ")";
    }
}
