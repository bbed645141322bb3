package io.coco4j.cli.bench;

import io.coco4j.bench.load.GuestTees;
import io.coco4j.bench.sessions.SessionMemoryException;
import io.coco4j.bench.sessions.SessionMemoryReport;
import io.coco4j.bench.sessions.SessionMemoryRun;
import io.coco4j.protocol.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code coco4j bench sessions}: whether a KBS holding many live sessions fits a heap limit. */
@Command(name = "sessions", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start a KBS in a JVM of its own with the given heap limit, fill its in-memory session store with "
                + "attested sessions (each with its own id, nonce and a token the size of a real one), measure the heap after a "
                + "full GC, and check that it still serves guests.")
public final class SessionsCommand implements Callable<Integer> {

    @Option(names = "--count", paramLabel = "N", defaultValue = "100000", description = "Live sessions (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m", description = "The JVM's -Xmx (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--tee", paramLabel = "TEE", defaultValue = "sample", completionCandidates = RcarCommand.TeeNames.class,
            description = "Whose tokens the sessions hold: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String tee;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!GuestTees.NAMES.contains(tee)) {
            err.println("coco4j bench sessions: unknown TEE '" + tee + "' (one of " + String.join(", ", GuestTees.NAMES) + ")");
            return 2;
        }
        SessionMemoryReport report;
        try {
            report = SessionMemoryRun.run(count, heap, tee);
        } catch (IllegalArgumentException e) {
            err.println("coco4j bench sessions: " + e.getMessage());
            return 2;
        } catch (SessionMemoryException e) {
            err.println("coco4j bench sessions: " + e.getMessage());
            err.println(e.childOutput());
            return 1;
        }
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf("%d live %s sessions fit in -Xmx%s: heap after GC %.1f MiB of %.1f MiB (%.1f MiB before the sessions), "
                            + "%.0f bytes per session with tokens of %d characters; %d guests served afterwards [%s]%n",
                    report.sessions(), report.tee(), heap, mib(report.heapAfterBytes()), mib(report.maxHeapBytes()),
                    mib(report.heapBeforeBytes()), report.bytesPerSession(), report.tokenChars(), report.guestRunsAfter(),
                    report.garbageCollectors());
        }
        out.flush();
        return 0;
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
