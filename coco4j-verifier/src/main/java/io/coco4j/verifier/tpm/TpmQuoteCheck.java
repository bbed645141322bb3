package io.coco4j.verifier.tpm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.crypto.CryptoProviders;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.List;

/**
 * The checks of a vTPM/TPM quote, in the order a verifier applies them: the attestation key's
 * signature over the TPMS_ATTEST, the qualifying data (nonce), the PCR values against the signed
 * pcrDigest, and the init-data binding through PCR 8. Each failure has its own exception type.
 */
public final class TpmQuoteCheck {

    /** The PCR that carries the init-data digest (extended once from zero). */
    public static final int INIT_DATA_PCR = 8;

    private TpmQuoteCheck() {
    }

    /**
     * Verifies the quote signature with the attestation key and returns the parsed TPMS_ATTEST.
     * A signature as long as the RSA modulus is a bare RSASSA-PKCS1-v1_5/SHA-256 signature (Azure's
     * form); anything else must be a marshalled TPMT_SIGNATURE.
     */
    public static TpmsAttest verifySignature(TpmQuote quote, PublicKey attestationKey) throws TpmFormatException, TpmQuoteSignatureException {
        if (!(attestationKey instanceof RSAPublicKey rsa)) {
            throw new TpmQuoteSignatureException("attestation key is not an RSA key");
        }
        byte[] sigBytes = quote.signature();
        int modulusBytes = (rsa.getModulus().bitLength() + 7) / 8;
        TpmtSignature signature = sigBytes.length == modulusBytes
                ? new TpmtSignature(TpmAlgorithm.RSASSA, TpmAlgorithm.SHA256, sigBytes)
                : TpmtSignature.parse(sigBytes);
        boolean valid;
        try {
            Signature verifier = CryptoProviders.get().signature(signature.jcaAlgorithm(), attestationKey);
            if (signature.signatureAlgorithm() == TpmAlgorithm.RSAPSS) {
                String digest = TpmAlgorithm.digestName(signature.hashAlgorithm());
                int saltLength = MessageDigest.getInstance(digest).getDigestLength();
                verifier.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1));
            }
            verifier.initVerify(attestationKey);
            verifier.update(quote.message());
            valid = verifier.verify(signature.signature());
        } catch (GeneralSecurityException e) {
            throw new TpmQuoteSignatureException("TPM quote signature cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new TpmQuoteSignatureException("TPM quote is not signed by the attestation key");
        }
        return TpmsAttest.parse(quote.message());
    }

    /** The quote's extraData must equal {@code expected} byte for byte. */
    public static void checkNonce(TpmsAttest attest, byte[] expected) throws TpmNonceMismatchException {
        if (!MessageDigest.isEqual(attest.extraData(), expected)) {
            throw new TpmNonceMismatchException("TPM quote nonce (extraData) does not match the expected report data");
        }
    }

    /**
     * The digest (with the bank's hash) of the selected PCR values, in selection order, must equal the
     * signed pcrDigest. Only a single SHA-256 bank is accepted: the PCR values sent are SHA-256.
     */
    public static void checkPcrDigest(TpmsAttest attest, List<byte[]> pcrs) throws PcrDigestMismatchException, TpmFormatException {
        if (attest.pcrSelections().size() != 1 || attest.pcrSelections().get(0).hashAlgorithm() != TpmAlgorithm.SHA256) {
            throw new TpmFormatException("TPM quote must select exactly one SHA-256 PCR bank");
        }
        List<Integer> selected = attest.pcrSelections().get(0).pcrs();
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (selected.size() == pcrs.size()) {
            pcrs.forEach(sha256::update);
        } else {
            for (int index : selected) {
                if (index >= pcrs.size()) {
                    throw new TpmFormatException("TPM quote selects PCR " + index + " but only " + pcrs.size() + " values were sent");
                }
                sha256.update(pcrs.get(index));
            }
        }
        if (!MessageDigest.isEqual(sha256.digest(), attest.pcrDigest())) {
            throw new PcrDigestMismatchException("digest of the PCR values does not match the pcrDigest in the TPM quote");
        }
    }

    /** PCR 8 must equal SHA-256(32 zero bytes ‖ digest); the digest must be 32 bytes (init-data algorithm sha256). */
    public static void checkInitData(List<byte[]> pcrs, byte[] initDataDigest) throws Pcr8InitDataMismatchException {
        if (pcrs.size() <= INIT_DATA_PCR) {
            throw new Pcr8InitDataMismatchException("TPM quote carries no PCR 8 to bind the init-data");
        }
        if (initDataDigest.length != 32) {
            throw new Pcr8InitDataMismatchException("init-data digest must be SHA-256 (32 bytes) to be bound through PCR 8, got " + initDataDigest.length + " bytes");
        }
        byte[] expected;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(new byte[32]);
            expected = sha256.digest(initDataDigest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!MessageDigest.isEqual(expected, pcrs.get(INIT_DATA_PCR))) {
            throw new Pcr8InitDataMismatchException("PCR 8 does not carry the init-data digest");
        }
    }

    /** {@code {"pcr00": hex, …}} for every PCR value sent, by position. */
    public static ObjectNode pcrClaims(List<byte[]> pcrs) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < pcrs.size(); i++) {
            out.put(String.format("pcr%02d", i), hex.formatHex(pcrs.get(i)));
        }
        return out;
    }
}
