package io.coco4j.guest.attester.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.tpm.Tpm;
import io.coco4j.guest.attester.tpm.TpmAttester;
import io.coco4j.guest.attester.tpm.TpmException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The vTPM of an Azure confidential VM: the paravisor (HCL) publishes a signed hardware report in
 * NV index {@code 0x01400001}, whose user data is what the guest last wrote to {@code 0x01400002};
 * the attestation key is persistent at {@code 0x81000003}. The HCL report's type field says whether
 * the hardware report is SNP ({@code 2}) or TDX ({@code 4}).
 */
public final class AzureVtpm {

    public static final long HCL_REPORT_INDEX = 0x01400001L;
    public static final long REPORT_DATA_INDEX = 0x01400002L;
    public static final long AK_HANDLE = 0x81000003L;
    public static final int REPORT_TYPE_SNP = 2;
    public static final int REPORT_TYPE_TDX = 4;
    /** The HCL report header, then the hardware report area (1184 bytes), then the runtime claims header. */
    static final int HARDWARE_REPORT_OFFSET = 0x20;
    static final int HARDWARE_REPORT_AREA = 1184;
    static final int REPORT_TYPE_OFFSET = HARDWARE_REPORT_OFFSET + HARDWARE_REPORT_AREA + 8;
    static final int TD_REPORT_LENGTH = 1024;
    static final int USER_DATA_LENGTH = 64;

    private AzureVtpm() {
    }

    /** The HCL report's hardware type, if the TPM has an HCL report at all. */
    public static Optional<Integer> reportType(TpmAttester.Connector connector) {
        try (Tpm tpm = new Tpm(connector.open())) {
            return Optional.of(reportType(tpm.nvRead(HCL_REPORT_INDEX)));
        } catch (IOException | EvidenceException e) {
            return Optional.empty();
        }
    }

    static int reportType(byte[] hclReport) throws EvidenceException {
        if (hclReport.length < REPORT_TYPE_OFFSET + 4 || hclReport[0] != 'H' || hclReport[1] != 'C' || hclReport[2] != 'L' || hclReport[3] != 'A') {
            throw new EvidenceException("NV index 0x01400001 does not hold an HCL report");
        }
        return ByteBuffer.wrap(hclReport).order(ByteOrder.LITTLE_ENDIAN).getInt(REPORT_TYPE_OFFSET);
    }

    /** The TDREPORT inside an HCL report of type TDX. */
    static byte[] tdReport(byte[] hclReport) {
        return Arrays.copyOfRange(hclReport, HARDWARE_REPORT_OFFSET, HARDWARE_REPORT_OFFSET + TD_REPORT_LENGTH);
    }

    /** Asks the paravisor for a report carrying {@code userData} and reads it back. */
    static byte[] hclReport(Tpm tpm, byte[] userData) throws TpmException {
        tpm.nvWrite(REPORT_DATA_INDEX, Arrays.copyOf(userData, USER_DATA_LENGTH));
        return tpm.nvRead(HCL_REPORT_INDEX);
    }

    /**
     * The {@code tpm_quote} object: the raw RSA signature, the TPMS_ATTEST, and the 24 SHA-256 PCRs,
     * all hexadecimal, quoted with the persistent AK over {@code nonce}.
     */
    static ObjectNode tpmQuote(Tpm tpm, byte[] nonce) throws TpmException {
        Tpm.Quote quote = tpm.quote(tpm.persistentAttestationKey(AK_HANDLE), nonce);
        List<byte[]> pcrs = tpm.readSha256Pcrs();
        // TPMT_SIGNATURE: algorithm, hash, then the sized RSA signature
        byte[] signature = Arrays.copyOfRange(quote.signature(), 6, quote.signature().length);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("signature", HexFormat.of().formatHex(signature));
        node.put("message", HexFormat.of().formatHex(quote.message()));
        ArrayNode values = node.putArray("pcrs");
        for (byte[] pcr : pcrs) {
            values.add(HexFormat.of().formatHex(pcr));
        }
        return node;
    }

    /** URL-safe base64 with padding, as the reference's evidence carries HCL reports and certificates. */
    static String base64Url(byte[] data) {
        return Base64.getUrlEncoder().encodeToString(data);
    }
}
