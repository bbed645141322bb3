package io.coco4j.kbs.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A scrape of {@code GET /metrics} in the Prometheus text format, read back into samples. */
public final class PrometheusText {

    /** One sample line: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final String text;

    public PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(parse(line));
        }
    }

    private static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            String inside = line.substring(brace + 1, line.lastIndexOf('}'));
            for (String pair : inside.split(",(?=[a-z_]+=\")")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
            }
        } else {
            name = line.substring(0, space);
        }
        return new Sample(name, labels, Double.parseDouble(line.substring(space + 1)));
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the one sample named {@code name} whose labels include {@code labelPairs} (name, value, ...). */
    public OptionalDouble value(String name, String... labelPairs) {
        List<Sample> matching = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, labelPairs)) {
                matching.add(sample);
            }
        }
        if (matching.size() > 1) {
            throw new AssertionError(matching.size() + " samples match " + name + " " + List.of(labelPairs) + ": " + matching);
        }
        return matching.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matching.get(0).value());
    }

    private static boolean hasLabels(Sample sample, String... labelPairs) {
        for (int i = 0; i < labelPairs.length; i += 2) {
            if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
