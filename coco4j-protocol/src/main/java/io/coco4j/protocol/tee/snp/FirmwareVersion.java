package io.coco4j.protocol.tee.snp;

/** A firmware version as CURRENT_* / COMMITTED_* (each component one byte). */
public record FirmwareVersion(int major, int minor, int build) {

    public FirmwareVersion {
        if ((major | minor | build) < 0 || major > 0xFF || minor > 0xFF || build > 0xFF) {
            throw new IllegalArgumentException("firmware version components must be bytes");
        }
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build;
    }
}
