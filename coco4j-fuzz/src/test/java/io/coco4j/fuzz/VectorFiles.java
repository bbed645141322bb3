package io.coco4j.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The shared vector files a target names in {@link VectorSeeds}, found where they are. */
public final class VectorFiles {

    private VectorFiles() {
    }

    /** {@code COCO4J_VECTORS}, else {@code shared/vectors} beside the checkout that holds {@code from}. */
    public static Optional<Path> locate(Path from) {
        String env = System.getenv("COCO4J_VECTORS");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isDirectory);
        }
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/vectors").normalize();
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The files below {@code vectors} matching one glob pattern, sorted. */
    public static List<Path> matching(Path vectors, String pattern) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.walk(vectors)) {
            return files.filter(Files::isRegularFile).filter(f -> matcher.matches(vectors.relativize(f))).sorted().toList();
        }
    }

    /** Every file of every pattern of the target (none when it names no vectors). */
    public static List<Path> of(Class<?> target, Path vectors) throws IOException {
        VectorSeeds seeds = target.getAnnotation(VectorSeeds.class);
        List<Path> files = new ArrayList<>();
        if (seeds != null) {
            for (String pattern : seeds.value()) {
                files.addAll(matching(vectors, pattern));
            }
        }
        return files;
    }

    /** The file's bytes as inputs: as they are and, for a hex text file, decoded too. */
    public static List<byte[]> inputs(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        if (!text.isEmpty() && text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return List.of(content, HexFormat.of().parseHex(text));
        }
        return List.of(content);
    }
}
