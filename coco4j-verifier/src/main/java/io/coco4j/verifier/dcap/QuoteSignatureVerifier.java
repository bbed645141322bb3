package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.CertificationData;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.tee.dcap.QeReportCertificationData;
import io.coco4j.protocol.tee.dcap.QuoteFormatException;
import io.coco4j.protocol.tee.dcap.QuoteSignatureData;
import io.coco4j.protocol.tee.dcap.QuoteTruncatedException;
import io.coco4j.verifier.VerificationException;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signature half of DCAP quote verification (Intel's QVL steps that need no collateral): the
 * PCK chain to the pinned root, the QE report signed by the PCK key, the QE report binding the
 * attestation key and QE authentication data, and the quote signed by the attestation key.
 * Verified PCK chains are cached by their exact bytes, so a platform's chain is checked once and
 * each further quote costs two ECDSA verifications.
 */
public final class QuoteSignatureVerifier {

    private static final int CHAIN_CACHE_LIMIT = 4096;

    private final TrustedRootCa root;
    private final Map<BytesKey, PckChain> chains = new ConcurrentHashMap<>();
    /** A QE keeps its attestation key for many quotes; decoding it is worth caching too. */
    private final Map<BytesKey, PublicKey> attestationKeys = new ConcurrentHashMap<>();

    public QuoteSignatureVerifier(TrustedRootCa root) {
        this.root = root;
    }

    public TrustedRootCa root() {
        return root;
    }

    /** Parses {@code rawQuote} and verifies its signatures at {@code at}. */
    public VerifiedQuote verify(byte[] rawQuote, Instant at) throws VerificationException {
        return verify(parse(rawQuote), at);
    }

    /** Parses a quote, mapping format errors to evidence errors. */
    public static DcapQuote parse(byte[] rawQuote) throws VerificationException {
        try {
            return DcapQuote.parse(rawQuote);
        } catch (QuoteTruncatedException e) {
            throw new TruncatedQuoteException("truncated quote: " + e.getMessage());
        } catch (QuoteFormatException e) {
            throw new MalformedQuoteException("malformed quote: " + e.getMessage());
        }
    }

    public VerifiedQuote verify(DcapQuote quote, Instant at) throws VerificationException {
        QuoteSignatureData signature = quote.signatureData();
        QeReportCertificationData qe = signature.qeCertification();
        CertificationData certification = qe.certificationData();
        if (certification.type() != CertificationData.PCK_CERTIFICATE_CHAIN) {
            throw new MalformedQuoteException("the quote's QE certification data has type " + certification.type()
                    + "; type 5 (PCK certificate chain) is required to verify it without a PCK cache");
        }
        PckChain pck = pckChain(certification.data());
        pck.requireValidAt(at);

        EnclaveReport qeReport = qe.qeReport();
        if (!Ecdsa.verifyRaw(pck.pckKey(), qeReport.bytes(), qe.qeReportSignature())) {
            throw new QeReportSignatureException("the QE report signature does not verify with the PCK certificate's key");
        }
        byte[] attestationKey = signature.attestationKey();
        byte[] expected = Arrays.copyOf(sha256(attestationKey, qe.qeAuthData()), 64);
        if (!MessageDigest.isEqual(expected, qeReport.reportData())) {
            throw new QeReportBindingException("the QE report data is not SHA-256(attestation key || QE authentication data)");
        }
        PublicKey key = attestationKey(attestationKey);
        if (!Ecdsa.verifyRaw(key, quote.signedBytes(), signature.quoteSignature())) {
            throw new QuoteSignatureException("the quote signature does not verify with the attestation key");
        }
        return new VerifiedQuote(quote, pck);
    }

    private PckChain pckChain(byte[] pem) throws VerificationException {
        BytesKey key = new BytesKey(pem);
        PckChain cached = chains.get(key);
        if (cached != null) {
            return cached;
        }
        PckChain verified = PckChain.verify(pem, root);
        if (chains.size() >= CHAIN_CACHE_LIMIT) {
            chains.clear();
        }
        chains.put(key, verified);
        return verified;
    }

    private PublicKey attestationKey(byte[] raw) throws QuoteSignatureException {
        BytesKey cacheKey = new BytesKey(raw);
        PublicKey key = attestationKeys.get(cacheKey);
        if (key == null) {
            try {
                key = Ecdsa.p256Key(raw);
            } catch (GeneralSecurityException e) {
                throw new QuoteSignatureException("the attestation key is not a P-256 point: " + e.getMessage());
            }
            if (attestationKeys.size() >= CHAIN_CACHE_LIMIT) {
                attestationKeys.clear();
            }
            attestationKeys.put(cacheKey, key);
        }
        return key;
    }

    private static byte[] sha256(byte[] first, byte[] second) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(first);
            digest.update(second);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Exact bytes (a PEM chain, an attestation key): equality is byte equality, never a digest that could collide. */
    private static final class BytesKey {
        private final byte[] bytes;
        private final int hash;

        BytesKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BytesKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
