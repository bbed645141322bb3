package io.coco4j.protocol.tee.snp;

import java.util.OptionalInt;

/**
 * A TCB_VERSION: the security patch levels of the firmware components. Stored as one little-endian
 * u64 whose layout depends on the generation: Milan/Genoa {@code [bl, tee, 0,0,0,0, snp, ucode]},
 * Turin {@code [fmc, bl, tee, snp, 0,0,0, ucode]}.
 *
 * @param fmc present for Turin and later only
 */
public record TcbVersion(OptionalInt fmc, int bootloader, int tee, int snp, int microcode) {

    public TcbVersion {
        checkByte("bootloader", bootloader);
        checkByte("tee", tee);
        checkByte("snp", snp);
        checkByte("microcode", microcode);
        if (fmc.isPresent()) {
            checkByte("fmc", fmc.getAsInt());
        }
    }

    public static TcbVersion of(int bootloader, int tee, int snp, int microcode) {
        return new TcbVersion(OptionalInt.empty(), bootloader, tee, snp, microcode);
    }

    public static TcbVersion turin(int fmc, int bootloader, int tee, int snp, int microcode) {
        return new TcbVersion(OptionalInt.of(fmc), bootloader, tee, snp, microcode);
    }

    private static void checkByte(String name, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("TCB " + name + " SPL " + value + " is outside 0..255");
        }
    }

    /** Decodes the 8 bytes at {@code offset}. */
    public static TcbVersion decode(byte[] b, int offset, boolean turinLayout) {
        if (turinLayout) {
            return turin(u8(b, offset), u8(b, offset + 1), u8(b, offset + 2), u8(b, offset + 3), u8(b, offset + 7));
        }
        return of(u8(b, offset), u8(b, offset + 1), u8(b, offset + 6), u8(b, offset + 7));
    }

    /** Writes the 8 bytes at {@code offset}; the layout follows whether an FMC SPL is present. */
    public void encode(byte[] b, int offset) {
        java.util.Arrays.fill(b, offset, offset + 8, (byte) 0);
        if (fmc.isPresent()) {
            b[offset] = (byte) fmc.getAsInt();
            b[offset + 1] = (byte) bootloader;
            b[offset + 2] = (byte) tee;
            b[offset + 3] = (byte) snp;
        } else {
            b[offset] = (byte) bootloader;
            b[offset + 1] = (byte) tee;
            b[offset + 6] = (byte) snp;
        }
        b[offset + 7] = (byte) microcode;
    }

    /**
     * True when every component is at least the one in {@code minimum}. TCB versions are only
     * partially ordered: one component below the minimum is a rollback, whatever the others say.
     */
    public boolean atLeast(TcbVersion minimum) {
        boolean fmcOk = minimum.fmc.isEmpty() || fmc.orElse(0) >= minimum.fmc.getAsInt();
        return fmcOk && bootloader >= minimum.bootloader && tee >= minimum.tee
                && snp >= minimum.snp && microcode >= minimum.microcode;
    }

    /**
     * The reference's offline-store file prefix, e.g. {@code bl03_tee00_snp08_ucode115}, with
     * {@code _fmcNN} appended on Turin; two-digit decimals.
     */
    public String filePrefix() {
        String prefix = String.format("bl%02d_tee%02d_snp%02d_ucode%02d", bootloader, tee, snp, microcode);
        return fmc.isPresent() ? prefix + String.format("_fmc%02d", fmc.getAsInt()) : prefix;
    }

    @Override
    public String toString() {
        return (fmc.isPresent() ? "fmc=" + fmc.getAsInt() + " " : "") + "bl=" + bootloader + " tee=" + tee + " snp=" + snp + " ucode=" + microcode;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
