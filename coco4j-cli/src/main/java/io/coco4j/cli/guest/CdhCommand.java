package io.coco4j.cli.guest;

import io.coco4j.guest.cdh.AaTokenProvider;
import io.coco4j.guest.cdh.CdhConfig;
import io.coco4j.guest.cdh.CdhConfigException;
import io.coco4j.guest.cdh.CdhException;
import io.coco4j.guest.cdh.ConfidentialDataHub;
import io.coco4j.guest.cdh.ConfidentialDataHubService;
import io.coco4j.guest.cdh.KbsResourceGetter;
import io.coco4j.guest.cdh.OfflineFsResourceGetter;
import io.coco4j.guest.cdh.ResourceGetter;
import io.coco4j.image.cdh.CdhImageService;
import io.coco4j.image.registry.RegistryClient;
import io.coco4j.image.unpack.UnpackLimits;
import io.coco4j.guest.kbs.KbsConnection;
import io.coco4j.guest.rpc.RpcClient;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code coco4j cdh}: the Confidential Data Hub daemon (ttRPC on a Unix socket, optionally gRPC). */
@Command(name = "cdh", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the Confidential Data Hub: confidential resources by kbs:/// URI and sealed secrets, served as "
                + "api.GetResourceService, api.SealedSecretService, api.ImagePullService and keyprovider.KeyProviderService/UnWrapKey "
                + "over ttRPC (unix:// addresses) or gRPC (host:port). Resources come from the KBS with tokens of the "
                + "attestation agent (cc_kbc), or from files in the image (offline_fs_kbc)."})
public final class CdhCommand implements Callable<Integer> {

    public static final String DEFAULT_GRPC = "127.0.0.1:50000";
    public static final String SKIP_VERIFICATION_ENV = "SKIP_SEALED_SECRET_VERIFICATION";
    public static final String KBS_CERT_ENV = "KBS_CERT";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration (TOML, or JSON by extension): socket, [kbc], [aa], [[credentials]]. Without it: "
                    + "/etc/confidential-data-hub.conf, else AA_KBC_PARAMS, else offline_fs_kbc.")
    Path configFile;

    @Option(names = "--socket", paramLabel = "ADDR", description = "Serve here instead of the configuration's socket.")
    String socket;

    @Option(names = "--grpc", paramLabel = "HOST:PORT", arity = "0..1", fallbackValue = DEFAULT_GRPC,
            description = "Also serve gRPC, on HOST:PORT (${FALLBACK-VALUE} when given without a value).")
    String grpc;

    @Option(names = "--aa", paramLabel = "ADDR", description = "The attestation agent's address instead of the configuration's aa_socket.")
    String aaAddress;

    @Option(names = "--sealed-secret-keys", paramLabel = "DIR", hidden = true,
            description = "Directory of sealed-secret verification keys named by plain kids.")
    Path sealedSecretKeys = ConfidentialDataHub.SEALED_SECRET_KEYS;

    @Override
    public Integer call() throws Exception {
        DaemonLifetime daemon;
        try {
            daemon = start(System.getenv(), Path.of("/"));
        } catch (AaCommand.StartupProblem e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("coco4j cdh: " + e.getMessage());
            err.flush();
            return e.exitCode;
        }
        daemon.awaitShutdown();
        return 0;
    }

    DaemonLifetime start(Map<String, String> environment, Path root) throws AaCommand.StartupProblem {
        PrintWriter err = spec.commandLine().getErr();
        CdhConfig config;
        try {
            config = configFile != null ? CdhConfig.load(configFile)
                    : CdhConfig.fromEnvironment(environment, AaCommand.kernelCommandLine(root), CdhConfig.DEFAULT_FILE);
        } catch (CdhConfigException e) {
            throw new AaCommand.StartupProblem(2, e.getMessage());
        }
        if (socket != null) {
            config = config.withSocket(socket);
        }
        if (aaAddress != null) {
            config = config.withAaSocket(aaAddress);
        }
        DaemonLifetime daemon = new DaemonLifetime();
        try {
            ResourceGetter resources = resourceGetter(config, environment, daemon);
            boolean skip = config.skipSealedSecretVerification() || "true".equals(environment.get(SKIP_VERIFICATION_ENV));
            if (skip) {
                err.println("coco4j cdh: WARNING: sealed secret signatures are not verified");
            }
            ConfidentialDataHub hub = new ConfidentialDataHub(resources, skip, sealedSecretKeys,
                    new CdhImageService(resources, RegistryClient.builder().build(), UnpackLimits.DEFAULT));
            if (!config.credentials().isEmpty()) {
                hub.provisionCredentials(config.credentials());
            }
            List<RpcService> services = ConfidentialDataHubService.bind(hub);
            RpcEndpoint main = daemon.add(RpcEndpoint.start(config.socket(), services));
            daemon.serving(main.address());
            err.println("coco4j cdh: confidential data hub (" + config.kbc().name() + ") listening on " + main.address());
            if (grpc != null) {
                RpcEndpoint extra = daemon.add(RpcEndpoint.start(grpc, services));
                daemon.serving(extra.address());
                err.println("coco4j cdh: also listening on " + extra.address() + " (gRPC)");
            }
        } catch (IOException | IllegalArgumentException | CdhException e) {
            daemon.close();
            throw new AaCommand.StartupProblem(1, e.getMessage());
        }
        err.flush();
        return daemon;
    }

    private static ResourceGetter resourceGetter(CdhConfig config, Map<String, String> environment, DaemonLifetime daemon) throws IOException {
        if (config.kbc().name().equals(CdhConfig.Kbc.OFFLINE_FS_KBC)) {
            List<Path> files = new ArrayList<>(OfflineFsResourceGetter.DEFAULT_FILES);
            String extra = environment.get(OfflineFsResourceGetter.EXTRA_FILES_ENV);
            if (extra != null && !extra.isBlank()) {
                for (String file : extra.split(",")) {
                    files.add(Path.of(file.strip()));
                }
            }
            return OfflineFsResourceGetter.load(files);
        }
        KbsConnection.Builder connection = KbsConnection.builder().url(config.kbc().url());
        String certificate = config.kbc().kbsCertificatePem().orElse(environment.get(KBS_CERT_ENV));
        if (certificate != null && !certificate.isBlank()) {
            connection.trustedCertificatesPem(certificate.contains("-----BEGIN") ? certificate : Files.readString(Path.of(certificate)));
        }
        RpcClient agent = daemon.add(RpcClient.connect(config.aaSocket()));
        return new KbsResourceGetter(connection.build(), new AaTokenProvider(agent));
    }
}
