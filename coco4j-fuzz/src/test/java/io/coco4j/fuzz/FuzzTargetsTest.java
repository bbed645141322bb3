package io.coco4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The target list is complete, names are unique, and each target has a committed seed corpus. */
class FuzzTargetsTest {

    @Test
    void everyFuzzTestClassIsListed() throws IOException, URISyntaxException {
        Path classes = Path.of(FuzzTargets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found;
        try (Stream<Path> files = Files.walk(classes)) {
            found = files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith("FuzzTest.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(FuzzTargets.ALL.stream().map(Class::getName).toList());
    }

    @Test
    void everyTargetHasOneFuzzMethodAndAUniqueName() {
        for (Class<?> target : FuzzTargets.ALL) {
            assertThat(FuzzTargets.method(target).getAnnotation(FuzzTest.class)).as(target.getName()).isNotNull();
            assertThat(FuzzTargets.byName(FuzzTargets.name(target))).contains(target);
        }
        assertThat(FuzzTargets.ALL.stream().map(FuzzTargets::name).distinct()).hasSameSizeAs(FuzzTargets.ALL);
    }

    @Test
    void everyTargetHasCommittedSeeds() throws Exception {
        for (Class<?> target : FuzzTargets.ALL) {
            var inputs = target.getResource(target.getSimpleName() + "Inputs");
            assertThat(inputs).as("seed directory of %s", target.getSimpleName()).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(inputs.toURI()))) {
                assertThat(files.filter(Files::isRegularFile).count()).as("seeds of %s", target.getSimpleName()).isPositive();
            }
        }
    }
}
