package io.coco4j.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed inputs by fuzz target, written where Jazzer's regression mode finds them:
 * {@code <resources>/<package>/<TargetName>Inputs/<seed>}.
 */
public final class SeedCorpus {

    private final Map<Class<?>, Map<String, byte[]>> seeds = new LinkedHashMap<>();
    private final Map<Path, byte[]> resources = new LinkedHashMap<>();

    public SeedCorpus add(Class<?> target, String name, byte[] input) {
        if (seeds.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(name, input.clone()) != null) {
            throw new IllegalArgumentException("seed " + name + " of " + target.getSimpleName() + " is given twice");
        }
        return this;
    }

    public SeedCorpus add(Class<?> target, String name, String input) {
        return add(target, name, input.getBytes(StandardCharsets.UTF_8));
    }

    /** A file a target reads beside its class (a trust anchor the seeds were signed under). */
    public SeedCorpus resource(Class<?> owner, String name, byte[] content) {
        resources.put(Path.of(owner.getPackageName().replace('.', '/'), name), content.clone());
        return this;
    }

    public Map<Class<?>, Map<String, byte[]>> byTarget() {
        return seeds;
    }

    /** The directory of a target's seeds below a test-resources root. */
    public static Path inputsDirectory(Path resources, Class<?> target) {
        return resources.resolve(target.getPackageName().replace('.', '/')).resolve(target.getSimpleName() + "Inputs");
    }

    /** Writes every seed as {@code seed-<name>}, replacing earlier generated seeds of the same name. */
    public int writeTo(Path resources) throws IOException {
        int written = 0;
        for (Map.Entry<Class<?>, Map<String, byte[]>> target : seeds.entrySet()) {
            Path dir = inputsDirectory(resources, target.getKey());
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
                Files.write(dir.resolve("seed-" + seed.getKey()), seed.getValue());
                written++;
            }
        }
        for (Map.Entry<Path, byte[]> resource : this.resources.entrySet()) {
            Path file = resources.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, resource.getValue());
        }
        return written;
    }
}
