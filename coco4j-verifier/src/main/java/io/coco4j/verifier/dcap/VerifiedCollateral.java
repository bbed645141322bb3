package io.coco4j.verifier.dcap;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Collateral whose signatures, issuer chains and CRLs are verified for one PCK CA, together with
 * the window in which all of it is valid. Everything here may be reused for any quote of the same
 * FMSPC and CA while the validation time stays inside the window.
 */
public record VerifiedCollateral(TcbInfo tcbInfo, EnclaveIdentity qeIdentity, X509CRL pckCrl, BigInteger pckCrlNumber,
                                 X509CRL rootCaCrl, BigInteger rootCaCrlNumber, List<X509Certificate> issuerCertificates,
                                 Instant validFrom, Instant validUntil, byte[] sourceDigest) {

    public VerifiedCollateral {
        issuerCertificates = List.copyOf(issuerCertificates);
        sourceDigest = sourceDigest.clone();
    }

    boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && !at.isAfter(validUntil);
    }

    byte[] digest() {
        return sourceDigest.clone();
    }
}
