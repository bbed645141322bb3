package io.coco4j.bench.report;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** One real figure through the JMH runner (a fork of a few seconds): wall-clock and CPU time both come back. */
class JmhSuiteTest {

    @Test
    void aFigureHasItsWallClockAndCpuTimes() throws Exception {
        JmhSuite suite = new JmhSuite(new SuiteSettings(1, 200, 2, 200), new PrintWriter(new StringWriter()));
        JmhSuite.Figure figure = suite.measure(MicroBenchmark.AES_KEY_WRAP);
        assertThat(figure.wallMicros()).isPositive().isLessThan(100_000);
        assertThat(figure.cpuMicros()).isPositive().isLessThan(100_000);
    }
}
