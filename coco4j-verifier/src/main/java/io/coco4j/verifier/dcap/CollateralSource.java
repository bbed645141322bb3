package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.TeeType;

import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * The offline source at {@code path}: a {@link CollateralDirectory} of PCS/PCCS responses when it
     * is a directory, else a single-file {@link CollateralBundle}.
     */
    static CollateralSource open(Path path, TcbUpdateType updateType) {
        return Files.isRegularFile(path) ? new CollateralBundle(path, updateType) : new CollateralDirectory(path);
    }
}
