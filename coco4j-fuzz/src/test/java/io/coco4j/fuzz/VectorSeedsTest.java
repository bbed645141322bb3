package io.coco4j.fuzz;

import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
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
                List<Path> files = VectorFiles.matching(vectors, pattern);
                tests.add(DynamicTest.dynamicTest(FuzzTargets.name(target) + " finds " + pattern,
                        () -> assertThat(files).as("vector files for %s", pattern).isNotEmpty()));
                for (Path file : files) {
                    tests.add(DynamicTest.dynamicTest(FuzzTargets.name(target) + " on " + vectors.relativize(file),
                            () -> runOver(target, file)));
                }
            }
        }
        return tests.stream();
    }

    private static void runOver(Class<?> target, Path file) throws Throwable {
        Method fuzz = FuzzTargets.method(target);
        Object instance = target.getConstructor().newInstance();
        for (byte[] input : VectorFiles.inputs(file)) {
            try {
                fuzz.invoke(instance, (Object) input);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
