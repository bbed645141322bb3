package io.coco4j.verifier.sgx;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.tee.dcap.QuoteHeader;
import io.coco4j.verifier.dcap.PckExtensions;
import io.coco4j.verifier.tdx.TdxClaims;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The reference's SGX claims: {@code header} and {@code body} fields as lowercase hex of their raw
 * bytes (v3 names: {@code att_key_data_0}, {@code qe_svn}, {@code pce_svn}), {@code report_data},
 * {@code init_data} (CONFIGID) and the platform instance ID of Platform-CA PCK certificates. The
 * enclave's debug flag is bit 1 of {@code body["attributes.flags"]}.
 */
public final class SgxClaims {

    private static final HexFormat HEX = HexFormat.of();

    private static final Map<EnclaveReport.Field, String> BODY_NAMES = Map.ofEntries(
            Map.entry(EnclaveReport.Field.CPU_SVN, "cpu_svn"),
            Map.entry(EnclaveReport.Field.MISC_SELECT, "misc_select"),
            Map.entry(EnclaveReport.Field.RESERVED_1, "reserved1"),
            Map.entry(EnclaveReport.Field.ISV_EXT_PROD_ID, "isv_ext_prod_id"),
            Map.entry(EnclaveReport.Field.ATTRIBUTES_FLAGS, "attributes.flags"),
            Map.entry(EnclaveReport.Field.ATTRIBUTES_XFRM, "attributes.xfrm"),
            Map.entry(EnclaveReport.Field.MR_ENCLAVE, "mr_enclave"),
            Map.entry(EnclaveReport.Field.RESERVED_2, "reserved2"),
            Map.entry(EnclaveReport.Field.MR_SIGNER, "mr_signer"),
            Map.entry(EnclaveReport.Field.RESERVED_3, "reserved3"),
            Map.entry(EnclaveReport.Field.CONFIG_ID, "config_id"),
            Map.entry(EnclaveReport.Field.ISV_PROD_ID, "isv_prod_id"),
            Map.entry(EnclaveReport.Field.ISV_SVN, "isv_svn"),
            Map.entry(EnclaveReport.Field.CONFIG_SVN, "config_svn"),
            Map.entry(EnclaveReport.Field.RESERVED_4, "reserved4"),
            Map.entry(EnclaveReport.Field.ISV_FAMILY_ID, "isv_family_id"),
            Map.entry(EnclaveReport.Field.REPORT_DATA, "report_data"));

    private SgxClaims() {
    }

    public static ObjectNode of(DcapQuote quote, Optional<PckExtensions> pck) {
        if (!(quote.body() instanceof EnclaveReport body)) {
            throw new IllegalArgumentException("not an SGX quote");
        }
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        ObjectNode header = claims.putObject("header");
        QuoteHeader h = quote.header();
        byte[] reserved = h.field(QuoteHeader.Field.RESERVED);
        header.put("version", HEX.formatHex(h.field(QuoteHeader.Field.VERSION)));
        header.put("att_key_type", HEX.formatHex(h.field(QuoteHeader.Field.ATTESTATION_KEY_TYPE)));
        header.put("att_key_data_0", HEX.formatHex(h.field(QuoteHeader.Field.TEE_TYPE)));
        header.put("qe_svn", HEX.formatHex(Arrays.copyOfRange(reserved, 0, 2)));
        header.put("pce_svn", HEX.formatHex(Arrays.copyOfRange(reserved, 2, 4)));
        header.put("vendor_id", HEX.formatHex(h.field(QuoteHeader.Field.QE_VENDOR_ID)));
        header.put("user_data", HEX.formatHex(h.field(QuoteHeader.Field.USER_DATA)));
        ObjectNode bodyClaims = claims.putObject("body");
        body.fields().forEach((field, value) -> bodyClaims.put(BODY_NAMES.get(field), HEX.formatHex(value)));
        claims.put("report_data", HEX.formatHex(body.reportData()));
        claims.put("init_data", HEX.formatHex(body.configId()));
        pck.flatMap(PckExtensions::platformInstanceId).ifPresent(id -> claims.put("platform_instance_id", TdxClaims.platformInstanceId(id)));
        return claims;
    }
}
