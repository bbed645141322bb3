package io.coco4j.verifier.tpm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code tpm} verifier (a guest with a TPM, no CPU TEE): the attestation key must be one the
 * operator enrolled, the quote must be signed by it, cover the PCR values sent, carry the session's
 * report data as qualifying data and, with init-data, bind its digest through PCR 8.
 *
 * <p>The qualifying data is the report-data digest right-padded with zeros or truncated to the
 * length the quote carries, 32 or 64 bytes: the reference's attesters have sent both (a TPM accepts
 * at most 64 bytes of qualifying data, a 48-byte SHA-384 digest is padded to 64 or cut to 32).
 */
public final class TpmVerifier implements Verifier {

    private final TrustedAttestationKeys trustedKeys;

    public TpmVerifier(TrustedAttestationKeys trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    /** With the keys of {@code settings.trustedAkKeysDir()}; fails when the directory cannot be read. */
    public static TpmVerifier create(TpmVerifierSettings settings) throws IOException {
        return new TpmVerifier(TrustedAttestationKeys.load(settings.trustedAkKeysDir(), settings.maxTrustedAkKeys()));
    }

    @Override
    public Tee tee() {
        return Tee.TPM;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode json, Expectation expectation) throws VerificationException {
        TpmEvidence evidence = TpmEvidence.parse(json);
        if (!trustedKeys.trusts(evidence.attestationKey())) {
            throw new UntrustedAttestationKeyException("the TPM attestation key is not among the trusted AK keys");
        }
        TpmsAttest attest = TpmQuoteCheck.verifySignature(evidence.quote(), evidence.attestationKey());
        TpmQuoteCheck.checkPcrDigest(attest, evidence.quote().pcrs());
        if (expectation.reportData().isPresent()) {
            byte[] nonce = attest.extraData();
            if (nonce.length != 32 && nonce.length != 64) {
                throw new TpmNonceMismatchException("TPM quote qualifying data is " + nonce.length + " bytes; 32 or 64 are expected");
            }
            TpmQuoteCheck.checkNonce(attest, Expectation.regularize(expectation.reportData().get(), nonce.length));
        }
        if (expectation.initDataDigest().isPresent()) {
            TpmQuoteCheck.checkInitData(evidence.quote().pcrs(), expectation.initDataDigest().get());
        }

        HexFormat hex = HexFormat.of();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("ak_public", evidence.akPublicText());
        claims.put("init_data", hex.formatHex(evidence.quote().pcrs().get(TpmQuoteCheck.INIT_DATA_PCR)));
        claims.put("report_data", hex.formatHex(attest.extraData()));
        claims.setAll(TpmQuoteCheck.pcrClaims(evidence.quote().pcrs()));
        return List.of(new VerifiedClaims(claims, TeeClass.CPU));
    }
}
