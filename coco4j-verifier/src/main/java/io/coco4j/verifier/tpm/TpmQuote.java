package io.coco4j.verifier.tpm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A TPM quote as guests send it: the signed TPMS_ATTEST ({@code message}), its signature (a bare
 * RSA signature from Azure's vTPM, or a marshalled TPMT_SIGNATURE), and the SHA-256 PCR values
 * the quote's pcrDigest covers, PCR 0 first.
 */
public record TpmQuote(byte[] signature, byte[] message, List<byte[]> pcrs) {

    /** How the members of a quote's JSON are encoded in the different evidence formats. */
    public enum Encoding {
        /** Azure vTPM evidence v1/v2 and the Azure quote files: every member a hex string. */
        HEX,
        /** Azure vTPM evidence v0: every member an array of byte numbers. */
        BYTE_ARRAYS,
        /** The {@code tpm} TEE: signature and message standard base64, PCRs hex. */
        BASE64_WITH_HEX_PCRS
    }

    private static final int MAX_PCRS = 24;

    public TpmQuote {
        signature = signature.clone();
        message = message.clone();
        pcrs = pcrs.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public List<byte[]> pcrs() {
        return pcrs.stream().map(byte[]::clone).toList();
    }

    /** Parses {@code {"signature", "message", "pcrs": [...]}} in the given encoding. */
    public static TpmQuote fromJson(JsonNode quote, Encoding encoding) throws TpmFormatException {
        if (quote == null || !quote.isObject()) {
            throw new TpmFormatException("tpm quote is not a JSON object");
        }
        byte[] signature = member(quote, "signature", encoding == Encoding.BASE64_WITH_HEX_PCRS ? Encoding.BASE64_WITH_HEX_PCRS : encoding);
        byte[] message = member(quote, "message", encoding == Encoding.BASE64_WITH_HEX_PCRS ? Encoding.BASE64_WITH_HEX_PCRS : encoding);
        JsonNode pcrs = quote.get("pcrs");
        if (pcrs == null || !pcrs.isArray()) {
            throw new TpmFormatException("tpm quote has no pcrs array");
        }
        if (pcrs.size() > MAX_PCRS) {
            throw new TpmFormatException("tpm quote has " + pcrs.size() + " PCRs, at most " + MAX_PCRS + " exist");
        }
        List<byte[]> values = new ArrayList<>();
        for (JsonNode pcr : pcrs) {
            byte[] value = decode(pcr, "pcrs[]", encoding == Encoding.BYTE_ARRAYS ? Encoding.BYTE_ARRAYS : Encoding.HEX);
            if (value.length != 32) {
                throw new TpmFormatException("PCR value must be a 32-byte SHA-256 digest, got " + value.length + " bytes");
            }
            values.add(value);
        }
        return new TpmQuote(signature, message, values);
    }

    private static byte[] member(JsonNode quote, String name, Encoding encoding) throws TpmFormatException {
        JsonNode value = quote.get(name);
        if (value == null) {
            throw new TpmFormatException("tpm quote has no " + name);
        }
        return decode(value, name, encoding);
    }

    private static byte[] decode(JsonNode value, String name, Encoding encoding) throws TpmFormatException {
        try {
            switch (encoding) {
                case HEX -> {
                    if (!value.isTextual()) {
                        throw new TpmFormatException("tpm quote " + name + " is not a hex string");
                    }
                    return HexFormat.of().parseHex(value.textValue());
                }
                case BASE64_WITH_HEX_PCRS -> {
                    if (!value.isTextual()) {
                        throw new TpmFormatException("tpm quote " + name + " is not a base64 string");
                    }
                    return Base64.getDecoder().decode(value.textValue());
                }
                default -> {
                    if (!value.isArray()) {
                        throw new TpmFormatException("tpm quote " + name + " is not an array of bytes");
                    }
                    byte[] out = new byte[value.size()];
                    for (int i = 0; i < out.length; i++) {
                        JsonNode b = value.get(i);
                        if (!b.isIntegralNumber() || b.intValue() < 0 || b.intValue() > 255) {
                            throw new TpmFormatException("tpm quote " + name + "[" + i + "] is not a byte");
                        }
                        out[i] = (byte) b.intValue();
                    }
                    return out;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new TpmFormatException("tpm quote " + name + " is not valid " + (encoding == Encoding.HEX ? "hex" : "base64"));
        }
    }

    /** The parsed TPMS_ATTEST. */
    public TpmsAttest attest() throws TpmFormatException {
        return TpmsAttest.parse(message);
    }
}
