package io.coco4j.fuzz;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Runs one fuzz target in Jazzer's fuzzing mode on the fuzz module's test class path (started by
 * {@code coco4j fuzz}, with {@code JAZZER_FUZZ=1} and the module directory as working directory):
 * {@code FuzzMain --list} or {@code FuzzMain TARGET SECONDS TIMEOUT_SECONDS}. Crashing inputs land in
 * {@code src/test/resources/<package>/<Target>Inputs/fuzz/}, where regression mode replays them.
 */
public final class FuzzMain {

    private static final int MAX_VECTOR_SEED = 64 * 1024;

    private FuzzMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--list")) {
            FuzzTargets.ALL.forEach(t -> System.out.println(FuzzTargets.name(t) + "\t" + t.getName()));
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: FuzzMain --list | FuzzMain TARGET SECONDS TIMEOUT_SECONDS");
            System.exit(2);
        }
        Class<?> target = FuzzTargets.byName(args[0]).orElse(null);
        if (target == null) {
            System.err.println("unknown fuzz target '" + args[0] + "'; `coco4j fuzz --list` names them");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[1]);
        long timeout = Long.parseLong(args[2]);
        // libFuzzer flags: these come after the ones the @FuzzTest annotation implies, so they win
        System.setProperty("jazzer.internal.arg.0", "coco4j-fuzz");
        System.setProperty("jazzer.internal.arg.1", "-max_total_time=" + seconds);
        System.setProperty("jazzer.internal.arg.2", "-timeout=" + timeout);
        System.setProperty("jazzer.internal.arg.3", "-print_final_stats=1");

        addVectorFiles(target);
        Path findings = SeedCorpus.inputsDirectory(Path.of("src/test/resources"), target).resolve(FuzzTargets.METHOD);
        Set<Path> before = listing(findings);
        Instant start = Instant.now();
        System.out.println("fuzzing " + FuzzTargets.name(target) + " (" + target.getName() + ") for " + seconds + " s, "
                + timeout + " s per input; crashes go to " + findings.toAbsolutePath());

        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(target, FuzzTargets.METHOD, "byte[]")).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);

        TestExecutionSummary result = summary.getSummary();
        List<Path> found = listing(findings).stream().filter(p -> !before.contains(p)).sorted().toList();
        Duration took = Duration.between(start, Instant.now());
        System.out.println();
        System.out.println("fuzz target " + FuzzTargets.name(target) + " ran " + took.toSeconds() + " s: "
                + (found.isEmpty() && result.getTotalFailureCount() == 0 ? "no finding" : found.size() + " new crashing input(s)"));
        found.forEach(p -> System.out.println("  " + p.toAbsolutePath()));
        if (result.getTotalFailureCount() > 0) {
            result.printFailuresTo(new PrintWriter(System.out, true), 25);
            System.out.println("commit the crashing input(s) above with the fix: regression mode replays them");
            System.exit(1);
        }
    }

    /**
     * Puts the target's shared vector files (up to 64 KiB each, hex text decoded too) into
     * libFuzzer's working corpus, which is never committed: real evidence as extra starting points.
     */
    private static void addVectorFiles(Class<?> target) throws IOException {
        Optional<Path> vectors = VectorFiles.locate(Path.of(""));
        if (vectors.isEmpty()) {
            return;
        }
        Path corpus = Path.of(".cifuzz-corpus", target.getName(), FuzzTargets.METHOD);
        Files.createDirectories(corpus);
        int added = 0;
        for (Path file : VectorFiles.of(target, vectors.get())) {
            List<byte[]> inputs = VectorFiles.inputs(file);
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).length <= MAX_VECTOR_SEED) {
                    Files.write(corpus.resolve("vector-" + file.getFileName() + (i == 0 ? "" : "-decoded")), inputs.get(i));
                    added++;
                }
            }
        }
        if (added > 0) {
            System.out.println("added " + added + " vector file(s) from " + vectors.get() + " to the working corpus");
        }
    }

    private static Set<Path> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }
}
