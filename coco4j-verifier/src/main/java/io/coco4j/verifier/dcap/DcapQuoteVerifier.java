package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.TeeType;
import io.coco4j.verifier.VerificationException;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Complete DCAP quote verification with no Intel service on the path: signatures and PCK chain
 * ({@link QuoteSignatureVerifier}), collateral from a {@link CollateralSource} verified to the
 * same pinned root, revocation of the PCK certificate and its CA, TCB level selection and the
 * acceptance policy. Verified collateral is cached per TEE, FMSPC and PCK CA while it stays valid
 * and is re-read from the source every {@code refreshInterval} (re-verified only if it changed).
 */
public final class DcapQuoteVerifier {

    private final QuoteSignatureVerifier signatures;
    private final CollateralSource source;
    private final Set<TcbStatus> accepted;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Map<CollateralKey, CachedCollateral> cache = new ConcurrentHashMap<>();

    public DcapQuoteVerifier(TrustedRootCa root, CollateralSource source, Set<TcbStatus> accepted, Duration refreshInterval, Clock clock) {
        this.signatures = new QuoteSignatureVerifier(root);
        this.source = source;
        this.accepted = accepted.isEmpty() ? EnumSet.noneOf(TcbStatus.class) : EnumSet.copyOf(accepted);
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    /** Intel's root, the settings' collateral source and acceptance policy. */
    public static DcapQuoteVerifier create(DcapSettings settings, Clock clock) {
        return new DcapQuoteVerifier(TrustedRootCa.intel(), settings.collateralSource(clock), settings.acceptedStatuses(),
                settings.refreshInterval(), clock);
    }

    public Clock clock() {
        return clock;
    }

    public TrustedRootCa root() {
        return signatures.root();
    }

    public DcapVerification verify(byte[] rawQuote) throws VerificationException {
        return verify(QuoteSignatureVerifier.parse(rawQuote));
    }

    public DcapVerification verify(DcapQuote quote) throws VerificationException {
        Instant at = clock.instant();
        VerifiedQuote verified = signatures.verify(quote, at);
        PckChain pck = verified.pck();
        VerifiedCollateral collateral = collateral(quote.teeType(), pck, at);

        if (collateral.rootCaCrl().getRevokedCertificate(pck.intermediate().getSerialNumber()) != null) {
            throw new CertificateRevokedException("the PCK CA certificate \"" + pck.intermediate().getSubjectX500Principal().getName()
                    + "\" is revoked by the Root CA CRL");
        }
        if (collateral.pckCrl().getRevokedCertificate(pck.pckCertificate().getSerialNumber()) != null) {
            throw new CertificateRevokedException("the PCK certificate (serial " + pck.pckCertificate().getSerialNumber().toString(16)
                    + ") is revoked by the PCK CRL");
        }
        TcbEvaluation tcb = TcbEvaluator.evaluate(quote, pck.extensions(), collateral.tcbInfo(), collateral.qeIdentity());
        if (!accepted.contains(tcb.status())) {
            throw new TcbStatusRejectedException("TCB status " + tcb.status().intelName() + " is not accepted (accepted: "
                    + accepted.stream().map(TcbStatus::intelName).collect(Collectors.joining(", ")) + ")"
                    + (tcb.advisoryIds().isEmpty() ? "" : "; advisories " + String.join(", ", tcb.advisoryIds())));
        }
        return new DcapVerification(verified, collateral, tcb);
    }

    private VerifiedCollateral collateral(TeeType tee, PckChain pck, Instant at) throws VerificationException {
        byte[] fmspc = pck.extensions().fmspc();
        CollateralKey key = new CollateralKey(tee, pck.collateralId());
        CachedCollateral cached = cache.get(key);
        if (cached != null && cached.collateral.validAt(at) && !at.isAfter(cached.checkedAt.plus(refreshInterval))
                && !at.isBefore(cached.checkedAt)) {
            return cached.collateral;
        }
        IntelCollateral raw = source.collateral(tee, fmspc, pck.caType());
        VerifiedCollateral verified;
        if (cached != null && cached.collateral.validAt(at) && MessageDigest.isEqual(raw.digest(), cached.collateral.digest())) {
            verified = cached.collateral;
        } else {
            verified = CollateralVerifier.verify(raw, tee, pck, signatures.root(), at);
        }
        cache.put(key, new CachedCollateral(verified, at));
        return verified;
    }

    private record CachedCollateral(VerifiedCollateral collateral, Instant checkedAt) {
    }

    private record CollateralKey(TeeType tee, String platform) {
    }
}
