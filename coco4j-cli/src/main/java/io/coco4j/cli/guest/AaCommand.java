package io.coco4j.cli.guest;

import io.coco4j.guest.aa.AaConfig;
import io.coco4j.guest.aa.AaConfigException;
import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.aa.AttestationAgentException;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.RuntimeEventLog;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.Attesters;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.attester.SampleDeviceAttester;
import io.coco4j.guest.initdata.InitDataDocument;
import io.coco4j.guest.initdata.InitDataException;
import io.coco4j.guest.rpc.RpcEndpoint;
import io.coco4j.guest.rpc.RpcService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j aa}: the Attestation Agent daemon (ttRPC on a Unix socket, optionally gRPC). */
@Command(name = "aa", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the Attestation Agent: evidence, attestation tokens (kbs, coco_as), runtime measurements and "
                + "init-data binding for this guest, served as attestation_agent.AttestationAgentService over ttRPC "
                + "(unix:// addresses) or gRPC (host:port)."})
public final class AaCommand implements Callable<Integer> {

    public static final String DEFAULT_SOCKET = "unix:///run/confidential-containers/attestation-agent/attestation-agent.sock";
    public static final String DEFAULT_GRPC = "127.0.0.1:50002";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-a", "--attestation_sock"}, paramLabel = "ADDR", defaultValue = DEFAULT_SOCKET,
            description = "Where to serve: unix:///path (ttRPC) or host:port (gRPC). Default: ${DEFAULT-VALUE}.")
    String address;

    @Option(names = "--grpc", paramLabel = "HOST:PORT", arity = "0..1", fallbackValue = DEFAULT_GRPC,
            description = "Also serve gRPC, on HOST:PORT (${FALLBACK-VALUE} when given without a value).")
    String grpc;

    @Option(names = {"-c", "--config-file"}, paramLabel = "FILE",
            description = "Configuration (TOML, or JSON by extension): [token_configs.kbs], [token_configs.coco_as], [eventlog_config]. "
                    + "Without it, AA_KBC_PARAMS=cc_kbc::<url> (or agent.aa_kbc_params on the kernel command line) names the KBS.")
    Path configFile;

    @Option(names = {"-t", "--initdata-toml"}, paramLabel = "FILE",
            description = "The init-data this guest was launched with: bound to the TEE at start-up and sent with every attestation.")
    Path initDataToml;

    @Option(names = {"-i", "--initdata-digest"}, paramLabel = "B64",
            description = "Only check the TEE against this init-data digest (standard base64).")
    String initDataDigest;

    @Option(names = "--attester", paramLabel = "TEE",
            description = "Use this attester instead of detecting the TEE: ${COMPLETION-CANDIDATES}.",
            completionCandidates = PrimaryNames.class)
    String attester;

    @Option(names = "--device-attester", paramLabel = "TEE", description = "Add a device attester (sampledevice). Repeatable.")
    List<String> deviceAttesters = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        DaemonLifetime daemon;
        try {
            daemon = start(System.getenv(), Attesters.Platform.system());
        } catch (StartupProblem e) {
            err.println("coco4j aa: " + e.getMessage());
            err.flush();
            return e.exitCode;
        }
        daemon.awaitShutdown();
        return 0;
    }

    /** A problem that stops start-up, with the exit code to report. */
    static final class StartupProblem extends Exception {
        final int exitCode;

        StartupProblem(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** Builds the agent and starts its servers; the returned lifetime closes them. */
    DaemonLifetime start(Map<String, String> environment, Attesters.Platform platform) throws StartupProblem {
        PrintWriter err = spec.commandLine().getErr();
        if (initDataToml != null && initDataDigest != null) {
            throw new StartupProblem(2, "--initdata-toml and --initdata-digest exclude each other");
        }
        AaConfig config;
        try {
            config = configFile != null ? AaConfig.load(configFile)
                    : AaConfig.fromEnvironment(environment, kernelCommandLine(platform.root()));
        } catch (AaConfigException e) {
            throw new StartupProblem(2, e.getMessage());
        }
        Path eventLog = Optional.ofNullable(environment.get(RuntimeEventLog.PATH_ENV)).map(Path::of).orElse(RuntimeEventLog.DEFAULT_PATH);
        Attesters.Platform withLog = platform.withEventLog(eventLog);
        Attester primary;
        try {
            primary = attester == null ? Attesters.detect(withLog) : Attesters.byName(attester, withLog);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(2, e.getMessage());
        }
        if (primary instanceof SampleAttester) {
            err.println("coco4j aa: WARNING: using the sample attester: its evidence proves nothing and only a development KBS accepts it");
            err.flush();
        }
        List<Attester> devices = new ArrayList<>(Attesters.devices(withLog));
        for (String device : deviceAttesters) {
            if (!device.equals("sampledevice")) {
                throw new StartupProblem(2, "unknown --device-attester '" + device + "' (supported: sampledevice)");
            }
            if (devices.stream().noneMatch(d -> d instanceof SampleDeviceAttester)) {
                devices.add(new SampleDeviceAttester());
            }
        }
        AttestationAgent.Builder builder = AttestationAgent.builder().attester(primary).deviceAttesters(devices)
                .config(config).eventLogPath(eventLog);
        byte[] digest = null;
        if (initDataToml != null) {
            try {
                InitDataDocument document = InitDataDocument.parse(Files.readAllBytes(initDataToml));
                builder.initData(document);
                digest = document.digest();
            } catch (IOException e) {
                throw new StartupProblem(1, "cannot read " + initDataToml + ": " + e.getMessage());
            } catch (InitDataException e) {
                throw new StartupProblem(1, initDataToml + ": " + e.getMessage());
            }
        } else if (initDataDigest != null) {
            try {
                digest = Base64.getDecoder().decode(initDataDigest.strip());
            } catch (IllegalArgumentException e) {
                throw new StartupProblem(2, "--initdata-digest is not standard base64");
            }
        }
        AttestationAgent agent;
        try {
            agent = builder.build();
        } catch (IOException e) {
            throw new StartupProblem(1, "cannot open the event log: " + e.getMessage());
        }
        if (digest != null) {
            try {
                InitDataBinding binding = agent.bindInitData(digest);
                err.println("coco4j aa: init-data " + (binding == InitDataBinding.BOUND ? "bound to the " + primary.tee()
                        : "cannot be bound by the " + primary.tee() + " TEE (it is still sent to the KBS)"));
            } catch (AttestationAgentException e) {
                throw new StartupProblem(1, e.getMessage());
            }
        }
        List<RpcService> services = List.of(AttestationAgentService.bind(agent));
        DaemonLifetime daemon = new DaemonLifetime();
        try {
            RpcEndpoint main = daemon.add(RpcEndpoint.start(address, services));
            daemon.serving(main.address());
            err.println("coco4j aa: " + primary.tee() + " attestation agent listening on " + main.address());
            if (grpc != null) {
                RpcEndpoint extra = daemon.add(RpcEndpoint.start(grpc, services));
                daemon.serving(extra.address());
                err.println("coco4j aa: also listening on " + extra.address() + " (gRPC)");
            }
        } catch (IOException | IllegalArgumentException e) {
            daemon.close();
            throw new StartupProblem(1, e.getMessage());
        }
        err.flush();
        return daemon;
    }

    static Optional<String> kernelCommandLine(Path root) {
        try {
            return Optional.of(Files.readString(root.resolve("proc/cmdline")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static final class PrimaryNames extends ArrayList<String> {
        PrimaryNames() {
            super(Attesters.PRIMARY_NAMES);
        }
    }
}
