package io.coco4j.cli.rego;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coco4j.rego.PolicySource;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads {@code -d} arguments: {@code .rego} files become policies, JSON/YAML files are merged into {@code data}. */
final class PolicyFiles {
    final List<PolicySource> policies = new ArrayList<>();
    Value data = ObjectValue.EMPTY;

    static PolicyFiles load(List<Path> paths) throws IOException {
        PolicyFiles out = new PolicyFiles();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                        out.add(f);
                    }
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private void add(Path f) throws IOException {
        String name = f.getFileName().toString();
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (name.endsWith(".rego")) {
            policies.add(new PolicySource(f.toString(), text));
        } else if (name.endsWith(".json")) {
            data = merge(data, Json.parse(text), f);
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            data = merge(data, readValue(f), f);
        }
    }

    /** Reads a JSON or YAML value file (by extension). */
    static Value readValue(Path f) throws IOException {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String name = f.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            try (JsonParser p = new YAMLFactory().createParser(text)) {
                p.nextToken();
                return Json.read(p);
            }
        }
        return Json.parse(text);
    }

    private static Value merge(Value base, Value add, Path from) {
        if (!(add instanceof ObjectValue ao)) {
            throw new IllegalArgumentException(from + ": a data file must hold a JSON object");
        }
        ObjectValue out = (ObjectValue) base;
        for (int i = 0; i < ao.size(); i++) {
            Value prev = out.get(ao.keyAt(i));
            Value v = ao.valueAt(i);
            if (prev instanceof ObjectValue && v instanceof ObjectValue) {
                v = merge(prev, v, from);
            } else if (prev != null) {
                throw new IllegalArgumentException(from + ": data conflicts with another file at key " + ao.keyAt(i));
            }
            out = out.with(ao.keyAt(i), v);
        }
        return out;
    }
}
