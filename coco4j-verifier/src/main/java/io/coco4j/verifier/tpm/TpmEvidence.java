package io.coco4j.verifier.tpm;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The {@code tpm} TEE's evidence: {@code {"ak_public": b64std DER SubjectPublicKeyInfo,
 * "tpm_quote": {"signature": b64std TPMT_SIGNATURE, "message": b64std TPMS_ATTEST, "pcrs": [hex…]}}}.
 *
 * @param akPublicText the {@code ak_public} member as sent (it is a claim, and what reference values name)
 */
public record TpmEvidence(String akPublicText, PublicKey attestationKey, TpmQuote quote) {

    public static TpmEvidence parse(JsonNode json) throws TpmFormatException {
        if (json == null || !json.isObject()) {
            throw new TpmFormatException("tpm evidence is not a JSON object");
        }
        JsonNode ak = json.get("ak_public");
        if (ak == null || !ak.isTextual()) {
            throw new TpmFormatException("tpm evidence has no ak_public string");
        }
        PublicKey key;
        try {
            key = TrustedAttestationKeys.decode(Base64.getDecoder().decode(ak.textValue()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new TpmFormatException("tpm evidence ak_public is not a base64 DER public key");
        }
        TpmQuote quote = TpmQuote.fromJson(json.get("tpm_quote"), TpmQuote.Encoding.BASE64_WITH_HEX_PCRS);
        if (quote.pcrs().size() <= TpmQuoteCheck.INIT_DATA_PCR) {
            throw new TpmFormatException("tpm evidence carries " + quote.pcrs().size() + " PCRs; PCR 0 to 8 at least are required");
        }
        return new TpmEvidence(ak.textValue(), key, quote);
    }
}
