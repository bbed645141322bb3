package io.coco4j.bench.load;

import java.util.OptionalLong;

/** The server's state at a moment of the measurement: heap used right after a full GC, open file descriptors. */
public record ServerSample(double atSeconds, OptionalLong heapAfterGcBytes, OptionalLong openFileDescriptors) {
}
