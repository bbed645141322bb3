package io.coco4j.protocol.tee.dcap;

/** The TEE a quote attests, from the header's {@code tee_type} (v3: {@code att_key_data_0}, always 0). */
public enum TeeType {
    SGX(0x00000000),
    TDX(0x00000081);

    private final int value;

    TeeType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    static TeeType of(long value) throws QuoteFormatException {
        for (TeeType type : values()) {
            if (type.value == value) {
                return type;
            }
        }
        throw new QuoteFormatException(String.format("unknown TEE type 0x%08x", value));
    }
}
