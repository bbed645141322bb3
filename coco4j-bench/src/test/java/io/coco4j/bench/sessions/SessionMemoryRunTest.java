package io.coco4j.bench.sessions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The memory target of the in-memory session store: a KBS holding 100,000 attested sessions runs in
 * a 512 MiB heap and still serves guests; the same sessions in a heap far too small end the check.
 */
class SessionMemoryRunTest {

    @Test
    void aHundredThousandSessionsFitInHalfAGibibyteOfHeap() throws Exception {
        SessionMemoryReport report = SessionMemoryRun.run(100_000, "512m", "sample");

        assertThat(report.sessions()).isEqualTo(100_000);
        assertThat(report.maxHeapBytes()).isLessThanOrEqualTo(512L * 1024 * 1024);
        assertThat(report.heapAfterBytes()).isLessThan(report.maxHeapBytes());
        // every session holds its own token, so it cannot cost less than the token's characters
        assertThat(report.bytesPerSession()).isGreaterThan(report.tokenChars());
        assertThat(report.guestRunsAfter()).isEqualTo(SessionMemoryCheck.GUESTS_AFTER);
    }

    @Test
    void sessionsThatDoNotFitEndTheCheck() {
        assertThatThrownBy(() -> SessionMemoryRun.run(100_000, "48m", "sample"))
                .isInstanceOf(SessionMemoryException.class)
                .hasMessageContaining("did not fit in -Xmx48m")
                .satisfies(e -> assertThat(((SessionMemoryException) e).childOutput()).contains("OutOfMemoryError"));
    }
}
