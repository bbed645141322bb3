package io.coco4j.verifier.dcap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The root every DCAP certificate chain must end in, pinned by the SHA-256 fingerprint of its DER
 * encoding. The root certificate itself travels with the quote (PCK chain) and with the collateral
 * (issuer chains); only a certificate with the pinned fingerprint is accepted as the root.
 */
public final class TrustedRootCa {

    /** SHA-256 of Intel SGX Root CA ({@code CN=Intel SGX Root CA}, valid 2018-05-21 to 2049-12-31). */
    public static final String INTEL_SGX_ROOT_CA_SHA256 = "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3";

    private static final TrustedRootCa INTEL = new TrustedRootCa(HexFormat.of().parseHex(INTEL_SGX_ROOT_CA_SHA256));

    private final byte[] fingerprint;

    private TrustedRootCa(byte[] fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** Intel's production root. */
    public static TrustedRootCa intel() {
        return INTEL;
    }

    /**
     * Another root, pinned by its SHA-256 fingerprint: for tests with a generated PCK hierarchy. A
     * deployment that trusts anything but {@link #intel()} accepts quotes no Intel CPU signed.
     */
    public static TrustedRootCa pinned(byte[] sha256Fingerprint) {
        if (sha256Fingerprint.length != 32) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 32 bytes");
        }
        return new TrustedRootCa(sha256Fingerprint.clone());
    }

    public static TrustedRootCa pinned(X509Certificate root) {
        return new TrustedRootCa(fingerprintOf(root));
    }

    public boolean isIntel() {
        return MessageDigest.isEqual(fingerprint, INTEL.fingerprint);
    }

    /** The pinned fingerprint, lowercase hex. */
    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint);
    }

    /** Whether {@code certificate} is the pinned root. */
    public boolean matches(X509Certificate certificate) {
        return MessageDigest.isEqual(fingerprint, fingerprintOf(certificate));
    }

    static byte[] fingerprintOf(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
