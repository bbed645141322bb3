package io.coco4j.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.bench.load.GuestFailure;
import io.coco4j.bench.load.GuestTee;
import io.coco4j.bench.load.GuestTees;
import io.coco4j.bench.load.InProcessKbs;
import io.coco4j.bench.load.LoadGenerator;
import io.coco4j.bench.load.LoadReport;
import io.coco4j.bench.load.LoadReportJson;
import io.coco4j.bench.load.LoadReportText;
import io.coco4j.bench.load.LoadSettings;
import io.coco4j.bench.load.ProcessProbe;
import io.coco4j.bench.load.ScratchDirectory;
import io.coco4j.bench.load.ServerProbe;
import io.coco4j.bench.load.SpawnedKbs;
import io.coco4j.bench.load.ThisJvmProbe;
import io.coco4j.cli.admin.AdminClient;
import io.coco4j.cli.guest.GetResourceCommand;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.resource.ResourceUri;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code coco4j bench rcar}: many simulated guests attesting and fetching a resource at once. */
@Command(name = "rcar", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a KBS with simulated guests. Each guest runs the whole protocol with a fresh TEE key pair and fresh "
                + "evidence: auth, attest, the resource with the session cookie, the resource again with the token. Prints "
                + "throughput, latency per step (p50/p90/p99/max), errors by type and CPU per handshake; the warm-up is excluded.",
                "",
                "Against a server started elsewhere, store the resource first (coco4j admin set-resource) and pass the server's "
                        + "--server-pid for its CPU, descriptors and heap. With --spawn-kbs the benchmark starts a KBS process of its "
                        + "own (pinned with --server-cpus), with --in-process it runs one in this JVM; the snp and tdx guests sign "
                        + "with a vendor chain generated for the run, which only such a KBS trusts.",
                "",
                "Server and generator on separate cores: taskset -c 1 coco4j bench rcar --spawn-kbs --server-cpus 0 ..."})
public final class RcarCommand implements Callable<Integer> {

    static final class Target {
        @Option(names = "--url", paramLabel = "URL", required = true, description = "The KBS to load (started elsewhere).")
        String url;

        @Option(names = "--spawn-kbs", required = true,
                description = "Start a KBS process of its own (development mode, loopback) with the resource stored and the guests' "
                        + "TEE trusted; its CPU, descriptors and heap are reported.")
        boolean spawn;

        @Option(names = "--in-process", required = true,
                description = "Start a KBS in this JVM (development mode, loopback) with the resource stored and the guests' TEE trusted.")
        boolean inProcess;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "16", description = "Guests running at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s", converter = DurationText.class,
            description = "Measured time (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "5s", converter = DurationText.class,
            description = "Unmeasured time before it (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "Start at most this many guests per second in all (default: each client starts its next guest at once).")
    Double rate;

    @Option(names = "--tee", paramLabel = "TEE", defaultValue = "sample", completionCandidates = TeeNames.class,
            description = "The guests' TEE: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); snp and tdx need --spawn-kbs or --in-process.")
    String tee;

    @Option(names = "--resource", paramLabel = "URI", defaultValue = "kbs:///default/bench/key",
            description = "The resource every guest fetches (default: ${DEFAULT-VALUE}).")
    String resource;

    @Option(names = "--tee-key-algorithm", paramLabel = "ALG", defaultValue = "ECDH-ES+A256KW-P256",
            converter = GetResourceCommand.TeeKeyAlgorithmConverter.class,
            completionCandidates = GetResourceCommand.TeeKeyAlgorithmConverter.Names.class,
            description = "The guests' TEE key: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TeeKeyAlgorithm teeKeyAlgorithm;

    @Option(names = "--server-cpus", paramLabel = "LIST",
            description = "With --spawn-kbs: pin the KBS to these CPUs (a taskset -c list, e.g. 0).")
    String serverCpus;

    @Option(names = "--server-java-option", paramLabel = "OPTION",
            description = "With --spawn-kbs: an option for the KBS's JVM, e.g. -Xmx2g (repeatable).")
    List<String> serverJavaOptions = new ArrayList<>();

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The KBS process on this machine: its CPU per handshake, open descriptors and (a JVM's) heap are reported.")
    Long serverPid;

    @Option(names = "--heap-samples", paramLabel = "TIME", split = ",", converter = DurationText.class,
            description = "Times after the warm-up at which the server's heap is measured after a full GC, e.g. 2m,10m "
                    + "(with one at the start of the measurement). A time at or past --duration is taken at the end.")
    List<Duration> heapSamples = new ArrayList<>();

    @Option(names = "--kbs-cert", paramLabel = "PEM", description = "For an https:// URL, trust only the certificate(s) in this PEM file.")
    Path kbsCertificate;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--fail-on-error", description = "Exit with 1 when any guest failed (warm-up included).")
    boolean failOnError;

    @Spec
    CommandSpec spec;

    static final class TeeNames extends ArrayList<String> {
        TeeNames() {
            super(GuestTees.NAMES);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadSettings settings;
        try {
            settings = new LoadSettings(target.url == null ? "http://benchmark-kbs" : target.url, clients, duration, warmup,
                    rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate), ResourceUri.parse(resource), teeKeyAlgorithm,
                    heapSamples, Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (!GuestTees.NAMES.contains(tee)) {
            return usage(err, "unknown TEE '" + tee + "' (one of " + String.join(", ", GuestTees.NAMES) + ")");
        }
        if (target.url != null && !GuestTees.verifiableElsewhere(tee)) {
            return usage(err, "--tee " + tee + " needs --spawn-kbs or --in-process: its evidence is signed by a vendor chain generated "
                    + "for this run, which only a KBS started by the benchmark trusts");
        }
        if (serverCpus != null && !serverCpus.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
            return usage(err, "--server-cpus takes a taskset -c list such as 0, 0-1 or 0,2; got '" + serverCpus + "'");
        }
        if (!target.spawn && (serverCpus != null || !serverJavaOptions.isEmpty())) {
            return usage(err, "--server-cpus and --server-java-option are for the KBS that --spawn-kbs starts");
        }
        if (target.url == null && serverPid != null) {
            return usage(err, "--server-pid is for a KBS started elsewhere; the benchmark measures the KBS it starts itself");
        }
        try (ScratchDirectory scratch = ScratchDirectory.create("coco4j-bench")) {
            GuestTee guests = GuestTees.create(tee, scratch.path());
            if (target.spawn) {
                SpawnedKbs kbs;
                try {
                    kbs = SpawnedKbs.start(guests.trust(), settings.resource(), secret(), scratch.path().resolve("kbs"),
                            Optional.ofNullable(serverCpus), serverJavaOptions);
                } catch (IOException e) {
                    err.println("coco4j bench rcar: " + e.getMessage());
                    err.flush();
                    return 1;
                }
                try (kbs; ProcessProbe probe = new ProcessProbe(kbs.pid())) {
                    return run(settings.withUrl(kbs.url()), guests, probe, "KBS process " + kbs.pid() + " at " + kbs.url(),
                            Optional.empty(), out, err);
                }
            }
            if (target.inProcess) {
                quietInProcessLogs();
                byte[] secret = secret();
                try (InProcessKbs kbs = InProcessKbs.start(guests, settings.resource(), secret, scratch.path().resolve("kbs"));
                     ThisJvmProbe probe = new ThisJvmProbe()) {
                    return run(settings.withUrl(kbs.url()), guests, probe, "in-process KBS at " + kbs.url(), Optional.empty(), out, err);
                }
            }
            Optional<SSLContext> tls = kbsCertificate == null ? Optional.empty() : Optional.of(AdminClient.pinnedContext(TlsMaterial.readCertificates(kbsCertificate)));
            try (ServerProbe probe = serverPid == null ? ServerProbe.NONE : new ProcessProbe(serverPid)) {
                return run(settings, guests, probe, target.url, tls, out, err);
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
    }

    private int run(LoadSettings settings, GuestTee guests, ServerProbe probe, String description, Optional<SSLContext> tls,
                    PrintWriter out, PrintWriter err) throws Exception {
        LoadGenerator generator = new LoadGenerator(settings, guests, probe, description, tls);
        try {
            generator.firstGuest();
        } catch (GuestFailure e) {
            err.println("coco4j bench rcar: the first guest failed before the load started: " + e.type());
            if (e.type().startsWith("resource1: HTTP 404")) {
                err.println("store the resource first: coco4j admin set-resource --url " + settings.url() + " " + settings.resource()
                        + " --value ...");
            }
            err.flush();
            return 1;
        }
        err.printf("coco4j bench rcar: %d %s guests against %s, %d s warm-up, %d s measured%n", settings.clients(), guests.name(),
                description, settings.warmup().toSeconds(), settings.duration().toSeconds());
        err.flush();
        LoadReport report = generator.run();
        if (json) {
            ObjectNode document = LoadReportJson.of(report);
            if (target.spawn && serverCpus != null) {
                // what bench report compares with: the floor on the cores the server had
                document.put("concurrency", cpuCount(serverCpus));
            }
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            out.print(LoadReportText.of(report));
        }
        if (probe instanceof ProcessProbe process && !process.heapProblem().isEmpty()) {
            err.println("coco4j bench rcar: the server's heap could not be read: " + process.heapProblem());
        }
        out.flush();
        err.flush();
        return failOnError && (report.errorCount() > 0 || report.warmupErrors() > 0) ? 1 : 0;
    }

    /** The CPUs of a {@code taskset -c} list such as {@code 0}, {@code 0-1} or {@code 0,2-3}. */
    static int cpuCount(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            count += range.length == 2 ? Integer.parseInt(range[1].trim()) - Integer.parseInt(range[0].trim()) + 1 : 1;
        }
        return count;
    }

    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** The in-process KBS would log every token it issues into the report's terminal. */
    private static void quietInProcessLogs() {
        for (String logger : List.of("io.coco4j", "com.zaxxer.hikari", "org.flywaydb")) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "warn");
            }
        }
    }

    private int usage(PrintWriter err, String message) {
        err.println("coco4j bench rcar: " + message);
        err.flush();
        return 2;
    }
}
