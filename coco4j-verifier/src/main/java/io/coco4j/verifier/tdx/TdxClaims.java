package io.coco4j.verifier.tdx;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.QuoteHeader;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.verifier.dcap.PckExtensions;
import io.coco4j.verifier.eventlog.EventLogClaims;
import io.coco4j.verifier.eventlog.MalformedEventLogException;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The reference's TDX claims (before the DCAP supplemental claims are added): the quote header and
 * body fields as lowercase hex of their raw bytes, the v5 {@code type} and {@code size}, the TD
 * attribute flags, {@code report_data}, {@code init_data} (MRCONFIGID), the parsed event log and
 * the platform instance ID of Platform-CA PCK certificates.
 */
public final class TdxClaims {

    private static final HexFormat HEX = HexFormat.of();

    private static final Map<TdReport.Field, String> BODY_NAMES = Map.ofEntries(
            Map.entry(TdReport.Field.TEE_TCB_SVN, "tcb_svn"),
            Map.entry(TdReport.Field.MR_SEAM, "mr_seam"),
            Map.entry(TdReport.Field.MR_SIGNER_SEAM, "mrsigner_seam"),
            Map.entry(TdReport.Field.SEAM_ATTRIBUTES, "seam_attributes"),
            Map.entry(TdReport.Field.TD_ATTRIBUTES, "td_attributes"),
            Map.entry(TdReport.Field.XFAM, "xfam"),
            Map.entry(TdReport.Field.MR_TD, "mr_td"),
            Map.entry(TdReport.Field.MR_CONFIG_ID, "mr_config_id"),
            Map.entry(TdReport.Field.MR_OWNER, "mr_owner"),
            Map.entry(TdReport.Field.MR_OWNER_CONFIG, "mr_owner_config"),
            Map.entry(TdReport.Field.RTMR_0, "rtmr_0"),
            Map.entry(TdReport.Field.RTMR_1, "rtmr_1"),
            Map.entry(TdReport.Field.RTMR_2, "rtmr_2"),
            Map.entry(TdReport.Field.RTMR_3, "rtmr_3"),
            Map.entry(TdReport.Field.REPORT_DATA, "report_data"),
            Map.entry(TdReport.Field.TEE_TCB_SVN_2, "tee_tcb_svn2"),
            Map.entry(TdReport.Field.MR_SERVICE_TD, "mr_servicetd"));

    private TdxClaims() {
    }

    /**
     * @param quote     a TDX quote (v4 or v5)
     * @param eventLog  the CC event log, when the evidence carried one
     * @param pck       the PCK certificate's SGX extensions, for {@code platform_instance_id}
     */
    public static ObjectNode of(DcapQuote quote, Optional<CcEventLog> eventLog, Optional<PckExtensions> pck) throws MalformedEventLogException {
        if (!(quote.body() instanceof TdReport body)) {
            throw new IllegalArgumentException("not a TDX quote");
        }
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        if (eventLog.isPresent()) {
            claims.set("uefi_event_logs", EventLogClaims.uefiEventLogs(eventLog.get()));
        }
        ObjectNode quoteClaims = claims.putObject("quote");
        ObjectNode header = quoteClaims.putObject("header");
        QuoteHeader h = quote.header();
        header.put("version", HEX.formatHex(h.field(QuoteHeader.Field.VERSION)));
        header.put("att_key_type", HEX.formatHex(h.field(QuoteHeader.Field.ATTESTATION_KEY_TYPE)));
        header.put("tee_type", HEX.formatHex(h.field(QuoteHeader.Field.TEE_TYPE)));
        header.put("reserved", HEX.formatHex(h.field(QuoteHeader.Field.RESERVED)));
        header.put("vendor_id", HEX.formatHex(h.field(QuoteHeader.Field.QE_VENDOR_ID)));
        header.put("user_data", HEX.formatHex(h.field(QuoteHeader.Field.USER_DATA)));
        if (quote.version() == 5) {
            quoteClaims.put("type", HEX.formatHex(le(body.bodyType(), 2)));
            quoteClaims.put("size", HEX.formatHex(le(body.bytes().length, 4)));
        }
        ObjectNode bodyClaims = quoteClaims.putObject("body");
        body.fields().forEach((field, value) -> bodyClaims.put(BODY_NAMES.get(field), HEX.formatHex(value)));

        long attributes = body.tdAttributes();
        ObjectNode flags = claims.putObject("td_attributes");
        flags.put("debug", (attributes & TdReport.ATTRIBUTE_DEBUG) != 0);
        flags.put("septve_disable", (attributes & TdReport.ATTRIBUTE_SEPT_VE_DISABLE) != 0);
        flags.put("protection_keys", (attributes & TdReport.ATTRIBUTE_PROTECTION_KEYS) != 0);
        flags.put("key_locker", (attributes & TdReport.ATTRIBUTE_KEY_LOCKER) != 0);
        flags.put("perfmon", (attributes & TdReport.ATTRIBUTE_PERFMON) != 0);
        claims.put("report_data", HEX.formatHex(body.reportData()));
        claims.put("init_data", HEX.formatHex(body.mrConfigId()));
        pck.flatMap(PckExtensions::platformInstanceId).ifPresent(id -> claims.put("platform_instance_id", platformInstanceId(id)));
        return claims;
    }

    /** The PCK's platform instance ID is a little-endian GUID; the reference prints it byte-reversed. */
    public static String platformInstanceId(byte[] octets) {
        byte[] reversed = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            reversed[i] = octets[octets.length - 1 - i];
        }
        return HEX.formatHex(reversed);
    }

    private static byte[] le(long value, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
