package io.coco4j.bench.load;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe of a server process, tried on this test's own JVM (a process like any other to /proc). */
class ProcessProbeTest {

    @Test
    void readsCpuAndDescriptorsOfAProcess() throws Exception {
        try (ProcessProbe probe = new ProcessProbe(ProcessHandle.current().pid())) {
            OptionalLong before = probe.processCpuNanos();
            long spin = System.nanoTime() + 200_000_000L;
            long sink = 0;
            while (System.nanoTime() < spin) {
                sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
            }
            OptionalLong after = probe.processCpuNanos();

            assertThat(sink).isNotNegative();
            assertThat(before).isPresent();
            assertThat(after.getAsLong()).isGreaterThan(before.getAsLong());
            // /proc and the JVM's own count agree within the descriptors opened in between
            long jvm = new ThisJvmProbe().openFileDescriptors().orElseThrow();
            assertThat(probe.openFileDescriptors().orElseThrow()).isBetween(jvm - 5, jvm + 5);
            assertThat(probe.sharesThisJvm()).isFalse();
        }
    }

    @Test
    void aHeapThatCannotBeReachedIsReportedNotGuessed() {
        // a JVM may not attach to itself unless started with -Djdk.attach.allowAttachSelf
        try (ProcessProbe probe = new ProcessProbe(ProcessHandle.current().pid())) {
            assertThat(probe.heapAfterGc()).isEmpty();
            assertThat(probe.heapProblem()).isNotEmpty();
        }
    }

    @Test
    void aMissingProcessIsRefused() {
        assertThatThrownBy(() -> new ProcessProbe(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no process " + Integer.MAX_VALUE);
    }
}
