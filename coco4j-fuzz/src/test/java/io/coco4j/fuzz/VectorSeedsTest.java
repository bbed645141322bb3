package io.coco4j.fuzz;

import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression mode over the shared vector files: each target's fuzz method runs over the real
 * quotes, reports, logs and documents named by its {@link VectorSeeds} (hex text files also
 * decoded), read in place. A target must reach its documented outcome on every one of them.
 */
class VectorSeedsTest {

    @TestFactory
    Stream<DynamicTest> everyTargetOverItsVectorFiles() throws IOException {
        Path vectors = TestVectors.dir();
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> target : FuzzTargets.ALL) {
            VectorSeeds seeds = target.getAnnotation(VectorSeeds.class);
            if (seeds == null) {
                continue;
            }
            for (String pattern : seeds.value()) {
                List<Path> files = matching(vectors, pattern);
                tests.add(DynamicTest.dynamicTest(FuzzTargets.name(target) + " finds " + pattern,
                        () -> assertThat(files).as("vector files for %s", pattern).isNotEmpty()));
                for (Path file : files) {
                    tests.add(DynamicTest.dynamicTest(FuzzTargets.name(target) + " on " + vectors.relativize(file),
                            () -> runOver(target, Files.readAllBytes(file))));
                }
            }
        }
        return tests.stream();
    }

    private static List<Path> matching(Path root, String pattern) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> matcher.matches(root.relativize(f))).sorted().toList();
        }
    }

    private static void runOver(Class<?> target, byte[] content) throws Throwable {
        Method fuzz = FuzzTargets.method(target);
        Object instance = target.getConstructor().newInstance();
        invoke(fuzz, instance, content);
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        if (!text.isEmpty() && text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            invoke(fuzz, instance, HexFormat.of().parseHex(text));
        }
    }

    private static void invoke(Method fuzz, Object instance, byte[] input) throws Throwable {
        try {
            fuzz.invoke(instance, (Object) input);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
