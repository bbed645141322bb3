package io.coco4j.verifier.nvidia;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * The claims of one verified GPU, named as the reference's local verifier names them:
 * {@code arch}, {@code uuid}, {@code measurements} (block index to hex value) and {@code config}
 * (opaque data fields, with {@code measurement_count} per measurement index).
 */
final class GpuClaims {

    // opaque data field types (NVIDIA's OPAQUE_FIELD_ID_*)
    static final int DRIVER_VERSION = 3;
    static final int GPU_INFO = 4;
    static final int VBIOS_VERSION = 6;
    static final int NVDEC0_STATUS = 11;
    static final int MSRSCNT = 12;
    static final int CPRINFO = 13;
    static final int BOARD_ID = 14;
    static final int CHIP_SKU = 15;
    static final int CHIP_SKU_MOD = 16;
    static final int PROJECT = 17;
    static final int PROJECT_SKU = 18;
    static final int PROJECT_SKU_MOD = 19;
    static final int FWID = 20;
    static final int PROTECTED_PCIE_STATUS = 21;

    private static final HexFormat HEX = HexFormat.of();

    private GpuClaims() {
    }

    static ObjectNode of(GpuEvidence device, SpdmMeasurementReport report) throws SpdmFormatException {
        Map<Integer, byte[]> opaque = report.opaqueFields();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("arch", device.architecture().wireName());
        ObjectNode config = claims.putObject("config");
        config.put("board_id", hex(opaque, BOARD_ID));
        config.put("chip_sku", text(opaque, CHIP_SKU));
        config.put("chip_sku_mod", text(opaque, CHIP_SKU_MOD));
        config.put("cpr_info", hex(opaque, CPRINFO));
        config.put("driver_version", text(opaque, DRIVER_VERSION));
        config.put("fwid", hex(opaque, FWID));
        config.put("gpu_info", hex(opaque, GPU_INFO));
        ObjectNode counts = config.putObject("measurement_count");
        byte[] msrscnt = opaque.getOrDefault(MSRSCNT, new byte[0]);
        if (msrscnt.length % 4 != 0) {
            throw new SpdmFormatException("GPU measurement counts are not a list of 32-bit integers");
        }
        for (int i = 0; i < msrscnt.length / 4; i++) {
            long count = (msrscnt[4 * i] & 0xffL) | (msrscnt[4 * i + 1] & 0xffL) << 8 | (msrscnt[4 * i + 2] & 0xffL) << 16
                    | (msrscnt[4 * i + 3] & 0xffL) << 24;
            if (count <= Integer.MAX_VALUE) {
                counts.put(Integer.toString(i + 1), (int) count);
            } else {
                counts.put(Integer.toString(i + 1), count);
            }
        }
        config.put("nvdec0_status", text(opaque, NVDEC0_STATUS));
        config.put("project", text(opaque, PROJECT));
        config.put("project_sku", text(opaque, PROJECT_SKU));
        config.put("project_sku_mod", hex(opaque, PROJECT_SKU_MOD));
        config.put("protected_pcie_status", text(opaque, PROTECTED_PCIE_STATUS));
        config.put("vbios_version", vbiosVersion(opaque.get(VBIOS_VERSION)));
        ObjectNode measurements = claims.putObject("measurements");
        report.measurements().forEach((index, value) -> measurements.put(Integer.toString(index), HEX.formatHex(value)));
        claims.put("uuid", device.uuid());
        return claims;
    }

    private static String hex(Map<Integer, byte[]> opaque, int type) {
        byte[] value = opaque.get(type);
        return value == null ? "" : HEX.formatHex(value);
    }

    /** A NUL-padded ASCII field, up to its first NUL. */
    private static String text(Map<Integer, byte[]> opaque, int type) {
        byte[] value = opaque.get(type);
        if (value == null) {
            return "";
        }
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * NVIDIA's VBIOS version notation: the little-endian 32-bit word of the first four bytes as four
     * hex pairs, then the fifth byte ({@code 00 9f 00 96 01 …} reads {@code 96.00.9f.00.01}).
     */
    static String vbiosVersion(byte[] value) {
        if (value == null) {
            return "";
        }
        if (value.length < 5) {
            return HEX.formatHex(value);
        }
        return String.format("%02x.%02x.%02x.%02x.%02x", value[3] & 0xff, value[2] & 0xff, value[1] & 0xff, value[0] & 0xff, value[4] & 0xff);
    }
}
