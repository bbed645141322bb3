package io.coco4j.bench.report;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every figure of the report names a benchmark the JMH annotation processor listed, with its parameter value. */
class BenchmarkListTest {

    @Test
    void everyFigureIsAListedBenchmark() {
        Set<BenchmarkListEntry> listed = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of());
        Map<String, BenchmarkListEntry> byName = listed.stream()
                .collect(Collectors.toMap(BenchmarkListEntry::getUsername, e -> e, (a, b) -> a));
        for (MicroBenchmark benchmark : MicroBenchmark.values()) {
            BenchmarkListEntry entry = byName.get(benchmark.benchmark());
            assertThat(entry).as(benchmark.benchmark()).isNotNull();
            benchmark.params().forEach((name, value) -> {
                assertThat(entry.getParams().hasValue()).as(benchmark + " has parameters").isTrue();
                assertThat(entry.getParams().get().get(name)).as(benchmark + " parameter " + name).contains(value);
            });
        }
    }
}
