package io.coco4j.image.crypt;

/** Hears about long-running blob work (bytes read), so a terminal can show progress. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** A blob of {@code size} bytes starts; {@code label} names it for display. */
    default void started(String label, long size) {
    }

    /** {@code count} more bytes of the current blob went through. */
    default void advanced(long count) {
    }

    /** The current blob is done. */
    default void finished() {
    }
}
