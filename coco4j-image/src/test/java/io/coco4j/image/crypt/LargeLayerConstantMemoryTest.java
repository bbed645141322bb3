package io.coco4j.image.crypt;

import io.coco4j.image.testing.LargeLayerRoundTrip;
import io.coco4j.image.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 256 MiB layer encrypts and decrypts in a JVM with a 64 MiB heap: memory does not grow with the
 * layer. (By hand, the same with 2 GiB in 256 MiB: see the README.)
 */
class LargeLayerConstantMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aLayerFourTimesTheHeapRoundTrips() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                LargeLayerRoundTrip.class.getName(), dir.toString(), "256");
        Processes.Result result = Processes.run(command, null, Map.of(), null, 600);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("max heap").contains("round trip OK");
        System.out.println(result.out().strip());
    }
}
