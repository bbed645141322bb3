package io.coco4j.bench.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimingsTest {

    @Test
    void ratesAreTheInverseOfTimes() {
        Timings timings = SampleTimings.timings();
        assertThat(timings.micros(MicroBenchmark.P256_SIGN)).isEqualTo(20.0);
        assertThat(timings.opsPerSecond(MicroBenchmark.P256_SIGN)).isEqualTo(50_000.0);
    }

    @Test
    void everyFigureIsRequired() {
        Map<MicroBenchmark, Double> micros = SampleTimings.micros();
        micros.remove(MicroBenchmark.NOOP_HTTP);
        assertThatThrownBy(() -> new Timings(micros)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no time for NOOP_HTTP");
    }

    @Test
    void aTimeMustBePositive() {
        Map<MicroBenchmark, Double> micros = SampleTimings.micros();
        micros.put(MicroBenchmark.EAR_SIGN, 0.0);
        assertThatThrownBy(() -> new Timings(micros)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EAR_SIGN");
        micros.put(MicroBenchmark.EAR_SIGN, Double.NaN);
        assertThatThrownBy(() -> new Timings(micros)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EAR_SIGN");
    }
}
