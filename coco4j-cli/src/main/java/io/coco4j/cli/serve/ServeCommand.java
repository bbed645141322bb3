package io.coco4j.cli.serve;

import io.coco4j.cli.logging.LogFormat;
import io.coco4j.kbs.config.ConfigException;
import io.coco4j.kbs.config.HttpServerConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.LoadedKbsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j serve}: the KBS with its built-in Attestation Service and RVPS in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the KBS with its built-in Attestation Service and RVPS.",
                "Without --config, everything lives under the data directory: SQLite storage, a generated HTTPS "
                        + "certificate, the token signer and an administrator key pair."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "kbs-config.toml (or .yaml/.json) with the reference's keys")
    Path config;

    @Option(names = "--dev", description = "Demo mode: plain HTTP on loopback, sample TEE accepted, resources released to any attested guest. Never for real secrets.")
    boolean dev;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "coco4j-data",
            description = "Directory for generated keys and (without --config) storage (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Listen here instead of http_server.sockets (default 127.0.0.1:8080)")
    String listen;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON object per log line, with the request id (request_id) in its mdc")
    String logFormat;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ServerLifetime.run("coco4j serve", spec.commandLine().getErr(), () -> {
            logFormat().install(System.err);
            return start();
        }, this::printBanner);
    }

    /** The {@code --log-format} asked for. */
    public LogFormat logFormat() throws StartupException {
        return switch (logFormat) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new StartupException("--log-format is text or json, not '" + logFormat + "'");
        };
    }

    /** Starts the server as the flags say (also used by tests, which close it themselves). */
    public KbsServer start() throws ConfigException, StartupException, IOException {
        DataDirectory data = new DataDirectory(dataDir);
        KbsConfig kbsConfig;
        List<io.coco4j.kbs.config.ConfigNotice> notices = List.of();
        if (config != null) {
            LoadedKbsConfig loaded = KbsConfigLoader.load(config);
            kbsConfig = loaded.config();
            notices = loaded.notices();
        } else {
            kbsConfig = EmbeddedDefaults.create(data, HttpServerConfig.DEFAULT_SOCKET);
        }
        if (listen != null) {
            kbsConfig = kbsConfig.withHttpServer(kbsConfig.httpServer()
                    .withSockets(List.of(ServerLifetime.parseSocket("--listen", listen))));
        }
        return KbsServer.start(new KbsServer.Options(kbsConfig, dev ? ServerMode.DEVELOPMENT : ServerMode.PRODUCTION, data, notices));
    }

    private void printBanner(KbsServer server, PrintWriter out) {
        URI url = server.baseUrls().get(0);
        if (server.mode() == ServerMode.DEVELOPMENT) {
            out.println("==========================================================================");
            out.println(" DEVELOPMENT MODE (--dev): plain HTTP on loopback, the sample TEE is");
            out.println(" accepted and resources go to any attested guest. Demo only: never put");
            out.println(" real secrets in this KBS.");
            out.println("==========================================================================");
        }
        out.println("coco4j KBS ready at " + url);
        Optional<String> fingerprint = server.tls().map(t -> t.leafFingerprint());
        fingerprint.ifPresent(f -> out.println("TLS certificate SHA-256: " + f));
        if (config == null) {
            Path adminKey = EmbeddedDefaults.adminPrivateKey(dataDir);
            out.println("admin key: " + adminKey);
            String dataFlag = dataDir.equals(Path.of("coco4j-data")) ? "" : " --data-dir " + dataDir;
            String pin = fingerprint.isPresent() ? " --kbs-cert " + dataDir.resolve("tls").resolve("kbs.crt") : "";
            out.println("store a secret:  ./coco4j admin set-resource --url " + url + dataFlag + pin + " kbs:///default/demo/key --value hello");
            if (server.mode() == ServerMode.DEVELOPMENT) {
                out.println("fetch it:        ./coco4j get-resource --url " + url + pin + " kbs:///default/demo/key");
            }
        }
    }
}
