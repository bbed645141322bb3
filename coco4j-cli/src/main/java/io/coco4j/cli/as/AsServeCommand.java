package io.coco4j.cli.as;

import io.coco4j.cli.serve.ServerLifetime;
import io.coco4j.kbs.config.AttestationServerConfig;
import io.coco4j.kbs.config.ConfigException;
import io.coco4j.kbs.config.LoadedServiceConfig;
import io.coco4j.kbs.config.ServiceConfigLoader;
import io.coco4j.kbs.server.AttestationServer;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
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
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j as serve}: the reference's REST and gRPC Attestation Service APIs. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the Attestation Service: the REST API (/attestation, /policy, /challenge, JWKS) and the gRPC API "
                + "(attestation.AttestationService, the RVPS service of its reference values, and GET /.well-known/jwks.json on a "
                + "plaintext gRPC port).",
                "Without --config, policies and reference values live under the data directory, and tokens are signed with its key."})
public final class AsServeCommand implements Callable<Integer> {

    static final Path DEFAULT_DATA_DIR = Path.of("coco4j-as-data");

    @Option(names = "--config", paramLabel = "FILE",
            description = "AS configuration (.toml, .yaml or .json) with the reference's keys: work_dir, storage_backend, "
                    + "attestation_token_broker, rvps_config, verifier_config; and http_server, grpc, admin")
    Path config;

    @Option(names = "--dev", description = "Demo mode: plain HTTP on loopback, the sample TEE accepted. Never for real guests.")
    boolean dev;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory for generated keys and default stores (default: work_dir, else coco4j-as-data)")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "REST API address instead of http_server.sockets (default 127.0.0.1:8000)")
    String listen;

    @Option(names = "--grpc", paramLabel = "HOST:PORT", description = "gRPC API address instead of grpc.listen (default 127.0.0.1:50004)")
    String grpc;

    @Spec
    CommandSpec spec;

    private DataDirectory data;
    private AttestationServerConfig settings;

    @Override
    public Integer call() throws Exception {
        return ServerLifetime.run("coco4j as serve", spec.commandLine().getErr(), this::start, this::printBanner);
    }

    /** Starts the service as the flags say (also used by tests, which close it themselves). */
    public AttestationServer start() throws ConfigException, StartupException, IOException {
        LoadedServiceConfig<AttestationServerConfig> loaded = config != null
                ? ServiceConfigLoader.loadAttestationServer(config)
                : new LoadedServiceConfig<>(AttestationServerConfig.defaults(), List.of());
        settings = ServerLifetime.withListeners(loaded.config(), listen, grpc);
        data = new DataDirectory(dataDir != null ? dataDir : settings.workDir().orElse(DEFAULT_DATA_DIR));
        return AttestationServer.start(new AttestationServer.Options(settings, dev ? ServerMode.DEVELOPMENT : ServerMode.PRODUCTION,
                data, loaded.notices()));
    }

    private void printBanner(AttestationServer server, PrintWriter out) {
        if (server.mode() == ServerMode.DEVELOPMENT) {
            out.println("==========================================================================");
            out.println(" DEVELOPMENT MODE (--dev): plain HTTP on loopback and the sample TEE is");
            out.println(" accepted. Demo only: never attest real guests with this service.");
            out.println("==========================================================================");
        }
        out.println("coco4j attestation service ready: REST " + server.restUrls().get(0) + ", gRPC port " + server.grpcPort());
        server.tls().ifPresent(t -> out.println("TLS certificate SHA-256: " + t.leafFingerprint()));
        if (settings.admin().isEmpty()) {
            out.println("admin key (REST policy uploads): " + EmbeddedDefaults.adminPrivateKey(data.root()));
        }
        out.println("a KBS uses it with:  [attestation_service] type = \"coco_as_grpc\", as_addr = \"http://<this host>:"
                + server.grpcPort() + "\"");
        Optional<Path> signerCertificate = settings.tokenBroker().signer().isPresent()
                ? settings.tokenBroker().signer().get().certPath()
                : Optional.of(data.tokenSignerCertificate().toAbsolutePath().normalize());
        out.println("                     [attestation_token] trusted_certs_paths = [\""
                + signerCertificate.map(Path::toString).orElse("<the CA of the token signer's certificate>") + "\"]");
    }
}
