package io.coco4j.cli.fuzz;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code coco4j-fuzz} module of a source checkout: where its targets are compiled and the
 * test class path they run on. Fuzzing needs the sources (crashing inputs are written into them),
 * so it runs from a checkout, never from the shipped jar alone.
 */
final class FuzzModule {

    static final String MODULE = "coco4j-fuzz";
    static final String MAIN_CLASS = "io.coco4j.fuzz.FuzzMain";
    private static final String CLASSPATH_FILE = "target/fuzz.classpath";

    private final Path root;

    private FuzzModule(Path root) {
        this.root = root;
    }

    /** The checkout named, or the one this jar was built in, or the one around the working directory. */
    static FuzzModule locate(Optional<Path> project) throws FuzzSetupException {
        List<Path> candidates = new ArrayList<>();
        project.ifPresent(candidates::add);
        ownCheckout().ifPresent(candidates::add);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir);
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve(MODULE).resolve("pom.xml"))) {
                return new FuzzModule(candidate.toAbsolutePath().normalize());
            }
            if (project.isPresent() && candidate.equals(project.get())) {
                throw new FuzzSetupException(project.get() + " is not a coco4j checkout (no " + MODULE + "/pom.xml)");
            }
        }
        throw new FuzzSetupException("no coco4j checkout found: run from the source tree or name it with --project");
    }

    /** coco4j-cli/target/coco4j.jar lies two levels below the checkout. */
    private static Optional<Path> ownCheckout() {
        var source = FuzzModule.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path target = Path.of(source.getLocation().toURI()).getParent();
            return target == null || target.getParent() == null ? Optional.empty() : Optional.ofNullable(target.getParent().getParent());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Path root() {
        return root;
    }

    Path directory() {
        return root.resolve(MODULE);
    }

    /** Compiles the targets and everything they need, and writes their class path (Maven's reactor). */
    List<String> buildCommand(boolean offline) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dmaven.javadoc.skip=true"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of("-pl", MODULE, "-am", "process-test-classes"));
        return command;
    }

    String classPath() throws FuzzSetupException {
        Path file = directory().resolve(CLASSPATH_FILE);
        try {
            String dependencies = Files.readString(file, StandardCharsets.UTF_8).strip();
            return directory().resolve("target/test-classes") + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new FuzzSetupException(file + " is missing: build the fuzz module first (drop --no-build)");
        }
    }
}
