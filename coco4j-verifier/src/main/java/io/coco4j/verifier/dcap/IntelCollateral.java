package io.coco4j.verifier.dcap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The collateral one quote needs, as a source delivers it and before any check: TCB info for the
 * platform's FMSPC, the QE identity, the PCK CRL of the PCK certificate's CA and the Intel SGX Root
 * CA CRL (each CRL as DER, PEM or hex of DER).
 */
public record IntelCollateral(SignedJson tcbInfo, SignedJson qeIdentity, byte[] pckCrl, Optional<String> pckCrlIssuerChainPem,
                              byte[] rootCaCrl) {

    public IntelCollateral {
        pckCrl = pckCrl.clone();
        rootCaCrl = rootCaCrl.clone();
    }

    @Override
    public byte[] pckCrl() {
        return pckCrl.clone();
    }

    @Override
    public byte[] rootCaCrl() {
        return rootCaCrl.clone();
    }

    /** A digest of every part, to tell whether a reloaded collateral set is the one already verified. */
    byte[] digest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : new byte[][]{tcbInfo.body(), tcbInfo.signature(), utf8(tcbInfo.issuerChainPem()),
                    qeIdentity.body(), qeIdentity.signature(), utf8(qeIdentity.issuerChainPem()), pckCrl,
                    utf8(pckCrlIssuerChainPem.orElse("")), rootCaCrl}) {
                digest.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
