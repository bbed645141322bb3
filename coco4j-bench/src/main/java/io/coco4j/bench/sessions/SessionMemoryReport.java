package io.coco4j.bench.sessions;

/**
 * What the session memory check measured in its JVM: the heap limit, the heap used after a full GC
 * before and after the sessions were added, the size of the tokens they hold, and how many guests the
 * KBS then served (all of them must have succeeded for the check to report at all).
 */
public record SessionMemoryReport(int sessions, String tee, long maxHeapBytes, long heapBeforeBytes, long heapAfterBytes,
                                  int tokenChars, int guestRunsAfter, String garbageCollectors) {

    /** Heap per session: what the sessions added, divided by their number. */
    public double bytesPerSession() {
        return sessions == 0 ? 0 : (double) (heapAfterBytes - heapBeforeBytes) / sessions;
    }
}
