package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.TeeType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Collateral stored as Intel PCS/PCCS serves it, one file per response and one per issuer-chain
 * header (documented in {@code docs/collateral-intel.md}):
 *
 * <pre>
 * sgx|tdx/tcb/&lt;FMSPC&gt;.json                 TCB info response body
 * sgx|tdx/tcb/&lt;FMSPC&gt;.issuer-chain.pem     TCB-Info-Issuer-Chain header, URL-decoded
 * sgx|tdx/qe-identity.json                QE identity response body
 * sgx|tdx/qe-identity.issuer-chain.pem    SGX-Enclave-Identity-Issuer-Chain header, URL-decoded
 * pckcrl/platform|processor.crl           PCK CRL (DER, PEM or hex)
 * pckcrl/platform|processor.issuer-chain.pem  SGX-PCK-CRL-Issuer-Chain header (optional)
 * rootcacrl.crl                           Intel SGX Root CA CRL (DER, PEM or hex)
 * </pre>
 */
public final class CollateralDirectory implements CollateralSource {

    private final Path root;

    public CollateralDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    static String teeDirectory(TeeType tee) {
        return tee.name().toLowerCase(Locale.ROOT);
    }

    /** {@code <tee>/tcb/<FMSPC>.json}. */
    public Path tcbInfo(TeeType tee, byte[] fmspc) {
        return root.resolve(teeDirectory(tee)).resolve("tcb").resolve(HexFormat.of().withUpperCase().formatHex(fmspc) + ".json");
    }

    public Path qeIdentity(TeeType tee) {
        return root.resolve(teeDirectory(tee)).resolve("qe-identity.json");
    }

    public Path pckCrl(PckCaType ca) {
        return root.resolve("pckcrl").resolve(ca.wireName() + ".crl");
    }

    public Path rootCaCrl() {
        return root.resolve("rootcacrl.crl");
    }

    /** The issuer-chain file that accompanies a response file. */
    public static Path issuerChain(Path response) {
        String name = response.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        return response.resolveSibling(stem + ".issuer-chain.pem");
    }

    @Override
    public IntelCollateral collateral(TeeType tee, byte[] fmspc, PckCaType ca) throws CollateralUnavailableException, MalformedCollateralException {
        Path tcbInfo = tcbInfo(tee, fmspc);
        if (!Files.exists(tcbInfo)) {
            Path lower = tcbInfo.resolveSibling(HexFormat.of().formatHex(fmspc) + ".json");
            tcbInfo = Files.exists(lower) ? lower : tcbInfo;
        }
        Path qeIdentity = qeIdentity(tee);
        Path pckCrl = pckCrl(ca);
        SignedJson tcb = SignedJson.fromResponse(read(tcbInfo, "TCB info"), "tcbInfo", text(issuerChain(tcbInfo), "TCB info issuer chain"));
        SignedJson qe = SignedJson.fromResponse(read(qeIdentity, "QE identity"), "enclaveIdentity",
                text(issuerChain(qeIdentity), "QE identity issuer chain"));
        Optional<String> crlChain = Files.exists(issuerChain(pckCrl))
                ? Optional.of(text(issuerChain(pckCrl), "PCK CRL issuer chain")) : Optional.empty();
        return new IntelCollateral(tcb, qe, read(pckCrl, "PCK CRL"), crlChain, read(rootCaCrl(), "Root CA CRL"));
    }

    private byte[] read(Path file, String what) throws CollateralUnavailableException, MalformedCollateralException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CollateralUnavailableException("no " + what + " in the collateral directory: " + file
                    + " is missing (fill it with `coco4j collateral fetch-intel` or from PCS responses)");
        } catch (IOException e) {
            throw new MalformedCollateralException("cannot read " + what + " from " + file + ": " + e.getMessage());
        }
    }

    private String text(Path file, String what) throws CollateralUnavailableException, MalformedCollateralException {
        return new String(read(file, what), StandardCharsets.US_ASCII);
    }

    @Override
    public String describe() {
        return "collateral directory " + root;
    }
}
