package io.coco4j.bench.sessions;

import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link SessionMemoryCheck} in a child JVM with {@code -Xmx<heap>} and this JVM's class path,
 * so the heap limit applies to a whole KBS holding the sessions and nothing else.
 */
public final class SessionMemoryRun {

    private SessionMemoryRun() {
    }

    /**
     * @param heap a JVM heap size such as {@code 512m}
     * @throws SessionMemoryException when the child JVM fails (out of memory, a guest refused), with its output
     */
    public static SessionMemoryReport run(int count, String heap, String tee) throws IOException, InterruptedException, SessionMemoryException {
        if (!heap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("a heap size like 512m, not '" + heap + "'");
        }
        Path output = Files.createTempFile("coco4j-sessions", ".out");
        Path errors = Files.createTempFile("coco4j-sessions", ".err");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(SessionMemoryCheck.class.getName());
            command.add(Integer.toString(count));
            command.add(tee);
            Process child = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!child.waitFor(10, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new SessionMemoryException("the session memory check did not finish within 10 minutes", tail(errors));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (child.exitValue() != 0 || lines.isEmpty()) {
                throw new SessionMemoryException(count + " sessions did not fit in -Xmx" + heap + " (exit code " + child.exitValue() + ")",
                        tail(errors));
            }
            return Json.read(lines.get(lines.size() - 1), SessionMemoryReport.class);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
