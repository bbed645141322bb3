package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.TeeType;

/** Where the verifier finds Intel collateral: a directory of PCS responses, a bundle file, or an online cache. */
public interface CollateralSource {

    /**
     * The collateral for a platform.
     *
     * @param tee   SGX or TDX: selects the TCB info and QE identity flavour
     * @param fmspc the platform's FMSPC (6 bytes) from its PCK certificate
     * @param ca    the CA that issued the PCK certificate, which selects the PCK CRL
     * @throws CollateralUnavailableException when the source has none for this platform
     * @throws MalformedCollateralException   when what it has cannot be read
     */
    IntelCollateral collateral(TeeType tee, byte[] fmspc, PckCaType ca) throws CollateralUnavailableException, MalformedCollateralException;

    /** A short description for logs and error messages (a path or URL). */
    String describe();
}
