package io.coco4j.cli.rvps;

import io.coco4j.cli.serve.ServerLifetime;
import io.coco4j.kbs.config.ConfigException;
import io.coco4j.kbs.config.LoadedServiceConfig;
import io.coco4j.kbs.config.ReferenceValueServerConfig;
import io.coco4j.kbs.config.ServiceConfigLoader;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.ReferenceValueServer;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code coco4j rvps serve}: the RVPS on its own, over the reference's gRPC API and coco4j's REST API. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the RVPS: the gRPC API reference.ReferenceValueProviderService (attestation services query it; "
                + "loopback or mutual-TLS callers register) and the REST API that 'coco4j rvps register|get|list|delete --url' uses.",
                "Without --config, reference values live in <data-dir>/rvps.sqlite and the REST API takes the data directory's admin key."})
public final class RvpsServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "RVPS configuration (.toml, .yaml or .json): the rvps_config keys (store, trusted_layout_keys, corim, swid, "
                    + "enable_sample, grpc, …) at the top level, and http_server, admin")
    Path config;

    @Option(names = "--dev", description = "Demo mode: plain HTTP on loopback, unverified sample values accepted.")
    boolean dev;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "coco4j-rvps-data",
            description = "Directory for the default store and generated keys (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "REST API address instead of http_server.sockets (default 127.0.0.1:8001)")
    String listen;

    @Option(names = "--grpc", paramLabel = "HOST:PORT", description = "gRPC API address instead of grpc.listen (default 127.0.0.1:50003)")
    String grpc;

    @Spec
    CommandSpec spec;

    private ReferenceValueServerConfig settings;

    @Override
    public Integer call() throws Exception {
        return ServerLifetime.run("coco4j rvps serve", spec.commandLine().getErr(), this::start, this::printBanner);
    }

    /** Starts the service as the flags say (also used by tests, which close it themselves). */
    public ReferenceValueServer start() throws ConfigException, StartupException, IOException {
        LoadedServiceConfig<ReferenceValueServerConfig> loaded = config != null
                ? ServiceConfigLoader.loadReferenceValueServer(config)
                : new LoadedServiceConfig<>(ReferenceValueServerConfig.defaults(), List.of());
        settings = ServerLifetime.withListeners(loaded.config(), listen, grpc);
        return ReferenceValueServer.start(new ReferenceValueServer.Options(settings, dev ? ServerMode.DEVELOPMENT : ServerMode.PRODUCTION,
                new DataDirectory(dataDir), loaded.notices()));
    }

    private void printBanner(ReferenceValueServer server, PrintWriter out) {
        if (server.mode() == ServerMode.DEVELOPMENT) {
            out.println("==========================================================================");
            out.println(" DEVELOPMENT MODE (--dev): plain HTTP on loopback and unverified sample");
            out.println(" reference values accepted. Demo only.");
            out.println("==========================================================================");
        }
        String url = server.restUrls().get(0).toString();
        out.println("coco4j RVPS ready: REST " + url + ", gRPC port " + server.grpcPort());
        server.tls().ifPresent(t -> out.println("TLS certificate SHA-256: " + t.leafFingerprint()));
        if (settings.admin().isEmpty()) {
            out.println("admin key: " + EmbeddedDefaults.adminPrivateKey(dataDir));
            String pin = server.tls().isPresent() ? " --kbs-cert " + dataDir.resolve("tls").resolve("kbs.crt") : "";
            out.println("register values:  ./coco4j rvps register --url " + url + " --data-dir " + dataDir + pin + " …");
        }
        out.println("an AS uses it with:  [rvps_config] type = \"GrpcRemote\", address = \"http://<this host>:" + server.grpcPort() + "\"");
    }
}
