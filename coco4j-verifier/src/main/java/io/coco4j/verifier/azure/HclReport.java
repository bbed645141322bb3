package io.coco4j.verifier.azure;

import io.coco4j.protocol.tee.snp.SnpFormatException;
import io.coco4j.protocol.tee.snp.SnpReport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The attestation report of Azure's paravisor (HCL): a 32-byte header, a hardware report area
 * (an SNP report, or a TDREPORT padded to the same size), then the IGVM request data whose
 * variable part is the JSON holding the vTPM keys. The hardware report binds the variable data
 * through a digest in its report-data field; {@link #checkVarDataBinding} checks that.
 */
public final class HclReport {

    /** "HCLA" little-endian. */
    public static final int SIGNATURE_MAGIC = 0x414c4348;
    public static final int HEADER_LENGTH = 0x20;
    public static final int HW_REPORT_OFFSET = HEADER_LENGTH;
    public static final int HW_REPORT_LENGTH = 1184;
    public static final int TD_REPORT_LENGTH = 1024;
    public static final int REQUEST_DATA_OFFSET = HW_REPORT_OFFSET + HW_REPORT_LENGTH;
    public static final int REQUEST_DATA_HEADER_LENGTH = 20;
    public static final int VAR_DATA_OFFSET = REQUEST_DATA_OFFSET + REQUEST_DATA_HEADER_LENGTH;
    private static final int MAX_LENGTH = 64 * 1024;

    private final int version;
    private final int requestType;
    private final int status;
    private final HclReportType reportType;
    private final int hashType;
    private final byte[] hwReport;
    private final byte[] varData;

    private HclReport(int version, int requestType, int status, HclReportType reportType, int hashType, byte[] hwReport, byte[] varData) {
        this.version = version;
        this.requestType = requestType;
        this.status = status;
        this.reportType = reportType;
        this.hashType = hashType;
        this.hwReport = hwReport;
        this.varData = varData;
    }

    public static HclReport parse(byte[] bytes) throws HclFormatException {
        if (bytes == null || bytes.length < VAR_DATA_OFFSET) {
            throw new HclFormatException("HCL report is truncated: " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        if (bytes.length > MAX_LENGTH) {
            throw new HclFormatException("HCL report is oversized: " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(0) != SIGNATURE_MAGIC) {
            throw new HclFormatException("HCL report does not start with HCLA");
        }
        int version = buf.getInt(4);
        int requestType = buf.getInt(12);
        int status = buf.getInt(16);
        int dataSize = buf.getInt(REQUEST_DATA_OFFSET);
        HclReportType reportType = HclReportType.fromCode(buf.getInt(REQUEST_DATA_OFFSET + 8));
        int hashType = buf.getInt(REQUEST_DATA_OFFSET + 12);
        int varDataSize = buf.getInt(REQUEST_DATA_OFFSET + 16);
        if (varDataSize < 0 || varDataSize > bytes.length - VAR_DATA_OFFSET) {
            throw new HclFormatException("HCL variable data size " + Integer.toUnsignedString(varDataSize) + " exceeds the report");
        }
        if (dataSize != REQUEST_DATA_HEADER_LENGTH + varDataSize) {
            throw new HclFormatException("HCL request data size " + Integer.toUnsignedString(dataSize) + " does not match its variable data size " + varDataSize);
        }
        digestName(hashType);
        return new HclReport(version, requestType, status, reportType, hashType,
                Arrays.copyOfRange(bytes, HW_REPORT_OFFSET, HW_REPORT_OFFSET + HW_REPORT_LENGTH),
                Arrays.copyOfRange(bytes, VAR_DATA_OFFSET, VAR_DATA_OFFSET + varDataSize));
    }

    private static String digestName(int hashType) throws HclFormatException {
        return switch (hashType) {
            case 1 -> "SHA-256";
            case 2 -> "SHA-384";
            case 3 -> "SHA-512";
            default -> throw new HclFormatException("unsupported HCL report-data hash type " + hashType);
        };
    }

    public int version() {
        return version;
    }

    public int requestType() {
        return requestType;
    }

    public int status() {
        return status;
    }

    public HclReportType reportType() {
        return reportType;
    }

    /** The whole 1184-byte hardware report area. */
    public byte[] hwReport() {
        return hwReport.clone();
    }

    /** The SNP report in the hardware area; refused for other report types. */
    public SnpReport snpReport() throws HclFormatException {
        if (reportType != HclReportType.SNP) {
            throw new HclFormatException("HCL report holds a " + reportType + " report, not SNP");
        }
        try {
            return SnpReport.parse(hwReport);
        } catch (SnpFormatException e) {
            throw new HclFormatException("HCL report's SNP report: " + e.getMessage(), e);
        }
    }

    /** The 1024-byte TDREPORT in the hardware area; refused for other report types. */
    public byte[] tdReport() throws HclFormatException {
        if (reportType != HclReportType.TDX) {
            throw new HclFormatException("HCL report holds a " + reportType + " report, not TDX");
        }
        return Arrays.copyOf(hwReport, TD_REPORT_LENGTH);
    }

    /** The raw variable data (JSON text) that the hardware report binds. */
    public byte[] varData() {
        return varData.clone();
    }

    public HclVarData parsedVarData() throws HclFormatException {
        return HclVarData.parse(varData);
    }

    /** The digest of the variable data with the algorithm the request data names (SHA-256 on every current VM). */
    public byte[] varDataDigest() {
        try {
            return MessageDigest.getInstance(digestName(hashType)).digest(varData);
        } catch (GeneralSecurityException | HclFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The hardware report's report-data field must start with the variable-data digest: otherwise the
     * vTPM attestation key in the variable data is not vouched for by the hardware.
     */
    public void checkVarDataBinding(byte[] hardwareReportData) throws VarDataDigestMismatchException {
        byte[] digest = varDataDigest();
        if (hardwareReportData.length < digest.length
                || !MessageDigest.isEqual(digest, Arrays.copyOf(hardwareReportData, digest.length))) {
            throw new VarDataDigestMismatchException("HCL variable data digest does not match the hardware report's report data");
        }
    }
}
