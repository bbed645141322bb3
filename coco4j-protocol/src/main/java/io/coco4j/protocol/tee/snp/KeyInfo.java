package io.coco4j.protocol.tee.snp;

/** Which key signed the report and whether the chip id is masked (32-bit field at KEY_INFO). */
public record KeyInfo(int raw) {

    /** The SIGNING_KEY encoding (bits 4:2). */
    public enum SigningKey {
        VCEK, VLEK, NONE, RESERVED
    }

    public boolean authorKeyEnabled() {
        return (raw & 1) == 1;
    }

    public boolean maskChipKey() {
        return ((raw >>> 1) & 1) == 1;
    }

    public SigningKey signingKey() {
        return switch ((raw >>> 2) & 0x7) {
            case 0 -> SigningKey.VCEK;
            case 1 -> SigningKey.VLEK;
            case 7 -> SigningKey.NONE;
            default -> SigningKey.RESERVED;
        };
    }
}
