package io.coco4j.bench.load;

import java.util.OptionalLong;

/** Reads the server's resource use while the load runs. Every reading is optional: a probe reports what it can see. */
public interface ServerProbe extends AutoCloseable {

    /** What is probed, for the report. */
    String describe();

    /** Whether the server runs in this JVM, so that this JVM's CPU is the server's plus the generator's. */
    boolean sharesThisJvm();

    /** CPU the server process has used so far (all its threads), in nanoseconds. */
    OptionalLong processCpuNanos();

    /** Heap used right after a full GC that this call requests. */
    OptionalLong heapAfterGc();

    OptionalLong openFileDescriptors();

    @Override
    default void close() {
    }

    /** A server nothing is known about. */
    ServerProbe NONE = new ServerProbe() {
        @Override
        public String describe() {
            return "not probed";
        }

        @Override
        public boolean sharesThisJvm() {
            return false;
        }

        @Override
        public OptionalLong processCpuNanos() {
            return OptionalLong.empty();
        }

        @Override
        public OptionalLong heapAfterGc() {
            return OptionalLong.empty();
        }

        @Override
        public OptionalLong openFileDescriptors() {
            return OptionalLong.empty();
        }
    };
}
