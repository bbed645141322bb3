package io.coco4j.bench.report;

import java.util.Locale;

/** JMH iterations per figure: one fork, one thread, average time. */
public record SuiteSettings(int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {

    /** About 10 s per figure with its fork: the whole report in under four minutes on two idle cores. */
    public static SuiteSettings standard() {
        return new SuiteSettings(4, 1000, 4, 1000);
    }

    /** About 4 s per figure: a rough report in under two minutes on two idle cores. */
    public static SuiteSettings quick() {
        return new SuiteSettings(2, 500, 3, 500);
    }

    public String describe() {
        return String.format(Locale.ROOT, "JMH, 1 fork, %d × %s warm-up, %d × %s measurement, one thread, average time",
                warmupIterations, seconds(warmupMillis), measurementIterations, seconds(measurementMillis));
    }

    private static String seconds(int millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
