package io.coco4j.bench.load;

import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.StartupException;
import io.coco4j.protocol.resource.ResourceUri;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A KBS in this JVM for the benchmark: development mode on a free loopback port, its state in a
 * directory of the caller's, the benchmark resource stored, and the verifiers of the guests' TEE
 * (for {@code snp} and {@code tdx}: the production verifiers trusting the chain generated for this
 * run, which is why such a KBS exists only inside the benchmark).
 */
public final class InProcessKbs implements AutoCloseable {

    private final KbsServer server;

    private InProcessKbs(KbsServer server) {
        this.server = server;
    }

    /** Live sessions the benchmark's KBS admits ({@code limits.max_sessions}). */
    static final int MAX_SESSIONS = 10_000_000;

    public static InProcessKbs start(GuestTee tee, ResourceUri resource, byte[] content, Path dataDir)
            throws IOException, StartupException, StorageException {
        return start(tee.trust(), resource, content, dataDir);
    }

    public static InProcessKbs start(BenchTrust trust, ResourceUri resource, byte[] content, Path dataDir)
            throws IOException, StartupException, StorageException {
        if (!ResourceUri.RESOURCE_PLUGIN.equals(resource.plugin()) || !ResourceUri.isValidResourcePath(resource.segments())) {
            throw new IllegalArgumentException("the in-process KBS serves kbs:///repository/type/tag resources, not " + resource);
        }
        DataDirectory data = new DataDirectory(dataDir);
        KbsConfig config = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        // a benchmark holds far more live sessions than the production default admits (bench sessions: 100,000)
        config = config.withLimits(config.limits().withMaxSessions(MAX_SESSIONS));
        KbsServer.Options options = new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of()).withVerifiers(trust.verifiers());
        KbsServer server = KbsServer.start(options);
        try {
            server.storage().namespace(Namespace.REPOSITORY).put(String.join("/", resource.segments()), content);
        } catch (StorageException | RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
        return new InProcessKbs(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public KbsServer server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    private static void closeQuietly(KbsServer server) {
        try {
            server.close();
        } catch (Exception e) {
            // start-up already failed; that failure is the one reported
        }
    }
}
