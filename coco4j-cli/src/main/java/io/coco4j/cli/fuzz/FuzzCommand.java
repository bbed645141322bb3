package io.coco4j.cli.fuzz;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code coco4j fuzz TARGET --seconds N}: one parser fuzz target in Jazzer's fuzzing mode, in a
 * child JVM on the fuzz module's test class path. Exit 0 without a finding, 1 with one (its input
 * is written under the target's {@code Inputs/fuzz} directory, ready to commit), 2 on a setup error.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Fuzz one parser (SNP reports, DCAP quotes, collateral, event logs, TPM structures, JOSE, Rego, "
                + "resource URIs, init-data, OCI documents, ttRPC frames, ...) with Jazzer for a while.",
                "Runs from a source checkout: builds the coco4j-fuzz module with Maven, then fuzzes in a child JVM. "
                        + "A crashing input is saved under coco4j-fuzz/src/test/resources/<package>/<Target>Inputs/fuzz/, "
                        + "where the regression tests (mvn test) replay it."})
public final class FuzzCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", description = "The target (see --list)")
    String target;

    @Option(names = "--list", description = "List the targets and exit")
    boolean list;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", description = "How long to fuzz (default: ${DEFAULT-VALUE})")
    long seconds;

    @Option(names = "--timeout", paramLabel = "N", defaultValue = "20",
            description = "Seconds one input may take before it counts as a hang (default: ${DEFAULT-VALUE})")
    long timeout;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "2g",
            description = "Heap of the fuzzing JVM; a larger allocation than this is a finding (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--java-home", paramLabel = "DIR", defaultValue = "${env:COCO4J_FUZZ_JAVA_HOME}",
            description = "JDK of the fuzzing JVM (default: this one). Jazzer 0.24 reads class files up to Java 24: on a newer "
                    + "JDK the project's code is fully instrumented but hooks inside JDK classes are skipped with a warning")
    Path javaHome;

    @Option(names = "--project", paramLabel = "DIR", description = "The coco4j checkout (default: the one this jar was built in)")
    Path project;

    @Option(names = "--no-build", description = "Use the fuzz module as last built")
    boolean noBuild;

    @Option(names = "--offline", description = "Build with Maven offline")
    boolean offline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!list && target == null) {
            err.println("coco4j fuzz: name a TARGET or use --list");
            return 2;
        }
        if (seconds < 1 || timeout < 1) {
            err.println("coco4j fuzz: --seconds and --timeout must be at least 1");
            return 2;
        }
        try {
            FuzzModule module = FuzzModule.locate(Optional.ofNullable(project));
            if (!noBuild) {
                build(module, err);
            }
            Path jdk = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
            List<String> command = new ArrayList<>(List.of(jdk.resolve("bin").resolve("java").toString(),
                    // Jazzer attaches its agent at run time; JDKs before 21 do not know the flag that allows it quietly
                    "-Xmx" + heap, "-Xss1m", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading",
                    // the JIT would otherwise throw a frequent exception without its stack, and targets that
                    // tolerate one known library bug recognise it by its stack
                    "-XX:-OmitStackTraceInFastThrow",
                    // coverage and comparison hooks for the project's code and the JOSE library it parses with
                    "-Djazzer.instrument=io.coco4j.**,com.nimbusds.**",
                    "-cp", module.classPath(), FuzzModule.MAIN_CLASS));
            if (list) {
                command.add("--list");
            } else {
                command.addAll(List.of(target, Long.toString(seconds), Long.toString(timeout)));
            }
            ProcessBuilder child = new ProcessBuilder(command).directory(module.directory().toFile()).inheritIO();
            child.environment().put("JAZZER_FUZZ", "1");
            return child.start().waitFor();
        } catch (FuzzSetupException e) {
            err.println("coco4j fuzz: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("coco4j fuzz: cannot start: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private void build(FuzzModule module, PrintWriter err) throws FuzzSetupException, IOException, InterruptedException {
        err.println("coco4j fuzz: building the fuzz targets in " + module.root() + " ...");
        err.flush();
        Process build = new ProcessBuilder(module.buildCommand(offline)).directory(module.root().toFile()).inheritIO().start();
        if (build.waitFor() != 0) {
            throw new FuzzSetupException("the Maven build of " + FuzzModule.MODULE + " failed (see above)");
        }
    }
}
