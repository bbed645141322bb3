package io.coco4j.verifier.azure;

/** The hardware report an HCL report wraps (IGVM request data {@code report_type}). */
public enum HclReportType {
    SNP(2),
    TDX(4);

    private final int code;

    HclReportType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static HclReportType fromCode(int code) throws HclFormatException {
        for (HclReportType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new HclFormatException("unsupported HCL report type " + code);
    }
}
