package io.coco4j.image.unpack;

/** What applying one layer did. */
public record UnpackReport(long entries, long expandedBytes, long whiteouts, long skippedSpecialFiles) {
}
