package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.TeeType;
import io.coco4j.verifier.VerificationException;

import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks collateral for a quote's platform, in this order: that it is for this platform (TEE,
 * FMSPC, PCEID), then the Root CA CRL (signed by the pinned root), the TCB info and QE identity
 * (issuer chains to the root, not revoked, signatures, validity), and the PCK CRL (signed by the
 * CA that issued the PCK certificate). Every item must be valid at the validation time.
 */
final class CollateralVerifier {

    private CollateralVerifier() {
    }

    static VerifiedCollateral verify(IntelCollateral collateral, TeeType tee, PckChain pck, TrustedRootCa root, Instant at)
            throws VerificationException {
        TcbInfo tcbInfo = CollateralJson.tcbInfo(collateral.tcbInfo().body());
        EnclaveIdentity qeIdentity = CollateralJson.enclaveIdentity(collateral.qeIdentity().body());
        requireFor(tcbInfo, qeIdentity, tee, pck.extensions());

        Window window = new Window();
        X509Certificate rootCertificate = pck.root();
        X509CRL rootCrl = crl(collateral.rootCaCrl(), "Root CA CRL");
        requireSignedCrl(rootCrl, rootCertificate, "Root CA CRL", at, window);

        List<X509Certificate> issuers = new ArrayList<>();
        verifySigned(collateral.tcbInfo(), "TCB info", tcbInfo.issueDate(), tcbInfo.nextUpdate(), root, rootCrl, at, window, issuers);
        verifySigned(collateral.qeIdentity(), "QE identity", qeIdentity.issueDate(), qeIdentity.nextUpdate(), root, rootCrl, at,
                window, issuers);

        X509CRL pckCrl = crl(collateral.pckCrl(), "PCK CRL");
        if (collateral.pckCrlIssuerChainPem().isPresent()) {
            List<X509Certificate> chain = issuerChain(collateral.pckCrlIssuerChainPem().get(), "PCK CRL issuer chain", root, rootCrl, at, window);
            if (!Arrays.equals(TrustedRootCa.fingerprintOf(chain.get(0)), pck.intermediateFingerprint())) {
                throw new CollateralIssuerException("the PCK CRL issuer chain is for \"" + chain.get(0).getSubjectX500Principal().getName()
                        + "\", not for the CA that issued the PCK certificate");
            }
            issuers.addAll(chain);
        }
        requireSignedCrl(pckCrl, pck.intermediate(), "PCK CRL", at, window);
        return new VerifiedCollateral(tcbInfo, qeIdentity, pckCrl, Certificates.crlNumber(pckCrl), rootCrl, Certificates.crlNumber(rootCrl),
                issuers, window.from, window.until, collateral.digest());
    }

    /** The collateral must describe this TEE and this platform. */
    static void requireFor(TcbInfo tcbInfo, EnclaveIdentity qeIdentity, TeeType tee, PckExtensions pck) throws VerificationException {
        HexFormat hex = HexFormat.of().withUpperCase();
        if (!Arrays.equals(tcbInfo.fmspc(), pck.fmspc())) {
            throw new FmspcMismatchException("the TCB info is for FMSPC " + hex.formatHex(tcbInfo.fmspc()) + ", the PCK certificate has FMSPC "
                    + hex.formatHex(pck.fmspc()));
        }
        if (!Arrays.equals(tcbInfo.pceId(), pck.pceId())) {
            throw new PceIdMismatchException("the TCB info is for PCEID " + hex.formatHex(tcbInfo.pceId()) + ", the PCK certificate has PCEID "
                    + hex.formatHex(pck.pceId()));
        }
        boolean tdx = tee == TeeType.TDX;
        if (tdx != tcbInfo.isTdx() || (tdx && tcbInfo.version() < 3)) {
            throw new MalformedCollateralException("the TCB info (id " + tcbInfo.id() + ", version " + tcbInfo.version()
                    + ") is not " + (tdx ? "TDX TCB info v3" : "SGX TCB info") + " as the " + tee + " quote requires");
        }
        String qeId = tdx ? EnclaveIdentity.TDX_QE : EnclaveIdentity.SGX_QE;
        if (!qeId.equals(qeIdentity.id())) {
            throw new MalformedCollateralException("the QE identity is for \"" + qeIdentity.id() + "\", the " + tee + " quote needs \"" + qeId + "\"");
        }
    }

    private static void verifySigned(SignedJson signed, String what, Instant issued, Instant nextUpdate, TrustedRootCa root,
                                     X509CRL rootCrl, Instant at, Window window, List<X509Certificate> issuers) throws VerificationException {
        List<X509Certificate> chain = issuerChain(signed.issuerChainPem(), what + " issuer chain", root, rootCrl, at, window);
        if (!Ecdsa.verifyRaw(chain.get(0).getPublicKey(), signed.body(), signed.signature())) {
            throw new CollateralSignatureException("the " + what + " signature does not verify with the key of \""
                    + chain.get(0).getSubjectX500Principal().getName() + "\"");
        }
        if (at.isBefore(issued) || at.isAfter(nextUpdate)) {
            throw new CollateralExpiredException("the " + what + " is valid from " + issued + " to " + nextUpdate + ", not at " + at);
        }
        window.include(issued, nextUpdate);
        issuers.addAll(chain);
    }

    private static List<X509Certificate> issuerChain(String pem, String what, TrustedRootCa root, X509CRL rootCrl, Instant at, Window window)
            throws VerificationException {
        List<X509Certificate> chain;
        try {
            chain = Certificates.parsePem(pem);
        } catch (CertificateException | RuntimeException e) {
            throw new MalformedCollateralException("the " + what + " cannot be parsed: " + e.getMessage());
        }
        ChainRules.verify(chain, root, "the " + what, CollateralIssuerException::new);
        var invalid = ChainRules.firstInvalidAt(chain, at);
        if (invalid.isPresent()) {
            throw new CollateralExpiredException("the " + what + " is not valid at " + at + ": " + ChainRules.validity(invalid.get()));
        }
        for (X509Certificate certificate : chain.subList(0, chain.size() - 1)) {
            if (certificate.getIssuerX500Principal().equals(rootCrl.getIssuerX500Principal())
                    && rootCrl.getRevokedCertificate(certificate.getSerialNumber()) != null) {
                throw new CertificateRevokedException("\"" + certificate.getSubjectX500Principal().getName()
                        + "\" of the " + what + " is revoked by the Root CA CRL");
            }
            window.include(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        }
        return chain;
    }

    private static X509CRL crl(byte[] encoded, String what) throws MalformedCollateralException {
        try {
            return Certificates.parseCrl(encoded);
        } catch (CRLException | RuntimeException e) {
            throw new MalformedCollateralException("the " + what + " cannot be parsed: " + e.getMessage());
        }
    }

    private static void requireSignedCrl(X509CRL crl, X509Certificate issuer, String what, Instant at, Window window)
            throws VerificationException {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new CollateralIssuerException("the " + what + " is issued by \"" + crl.getIssuerX500Principal().getName()
                    + "\", not by \"" + issuer.getSubjectX500Principal().getName() + "\"");
        }
        if (!Certificates.signedBy(crl, issuer)) {
            throw new CollateralSignatureException("the " + what + " signature does not verify with the key of \""
                    + issuer.getSubjectX500Principal().getName() + "\"");
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (crl.getNextUpdate() == null) {
            throw new MalformedCollateralException("the " + what + " has no nextUpdate");
        }
        Instant nextUpdate = crl.getNextUpdate().toInstant();
        if (at.isBefore(thisUpdate) || at.isAfter(nextUpdate)) {
            throw new CollateralExpiredException("the " + what + " is valid from " + thisUpdate + " to " + nextUpdate + ", not at " + at);
        }
        window.include(thisUpdate, nextUpdate);
    }

    /** The intersection of every item's validity. */
    private static final class Window {
        Instant from = Instant.MIN;
        Instant until = Instant.MAX;

        void include(Instant start, Instant end) {
            from = start.isAfter(from) ? start : from;
            until = end.isBefore(until) ? end : until;
        }
    }
}
