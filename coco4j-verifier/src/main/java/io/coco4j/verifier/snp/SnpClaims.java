package io.coco4j.verifier.snp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.snp.SnpReport;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The reference's flattened claims of an SNP report, so that its policies run unchanged: policy
 * bits and ABI, reported TCB, platform bits, and the measurement and bindings as hex.
 */
public final class SnpClaims {

    private SnpClaims() {
    }

    /** The {@code snp} verifier's claims: numbers, booleans and lowercase hex. */
    public static ObjectNode of(SnpReport report) {
        HexFormat hex = HexFormat.of();
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("policy_abi_major", report.policy().abiMajor());
        c.put("policy_abi_minor", report.policy().abiMinor());
        c.put("policy_smt_allowed", report.policy().smtAllowed());
        c.put("policy_migrate_ma", report.policy().migrateMaAllowed());
        c.put("policy_debug_allowed", report.policy().debugAllowed());
        c.put("policy_single_socket", report.policy().singleSocketRequired());
        c.put("reported_tcb_bootloader", report.reportedTcb().bootloader());
        c.put("reported_tcb_tee", report.reportedTcb().tee());
        c.put("reported_tcb_snp", report.reportedTcb().snp());
        c.put("reported_tcb_microcode", report.reportedTcb().microcode());
        c.put("platform_tsme_enabled", report.platformInfo().tsmeEnabled());
        c.put("platform_smt_enabled", report.platformInfo().smtEnabled());
        c.put("measurement", hex.formatHex(report.measurement()));
        c.put("report_data", hex.formatHex(report.reportData()));
        c.put("init_data", hex.formatHex(report.hostData()));
        c.put("chip_id", hex.formatHex(report.chipId()));
        return c;
    }

    /**
     * The {@code az-snp-vtpm} flavour: the same names with every value a string, and the
     * measurement, report data and init data as standard base64.
     */
    public static ObjectNode asStrings(SnpReport report) {
        ObjectNode typed = of(report);
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        typed.fields().forEachRemaining(e -> c.put(e.getKey(), e.getValue().asText()));
        Base64.Encoder b64 = Base64.getEncoder();
        c.put("measurement", b64.encodeToString(report.measurement()));
        c.put("report_data", b64.encodeToString(report.reportData()));
        c.put("init_data", b64.encodeToString(report.hostData()));
        return c;
    }
}
