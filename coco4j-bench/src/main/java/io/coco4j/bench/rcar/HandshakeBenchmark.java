package io.coco4j.bench.rcar;

import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.resource.ResourceUri;
import io.coco4j.storage.Namespace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One guest's whole RCAR loop against an in-process KBS over loopback HTTP: a fresh TEE key,
 * auth, attest (sample evidence, EAR token), resource GET and JWE decryption. Client and server
 * share the JVM, so the figure is the sum of both sides' work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {

    @Param({"EC_P256", "EC_P521", "RSA_OAEP_256"})
    public String teeKey;

    private KbsServer server;
    private Path data;
    private String url;
    private final ResourceUri resource = ResourceUri.parse("kbs:///default/bench/key");

    @Setup(Level.Trial)
    public void start() throws Exception {
        data = Files.createTempDirectory("coco4j-bench");
        DataDirectory directory = new DataDirectory(data);
        KbsConfig config = EmbeddedDefaults.create(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = KbsServer.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, directory, List.of()));
        server.storage().namespace(Namespace.REPOSITORY).put("default/bench/key", new byte[32]);
        url = "http://127.0.0.1:" + server.port();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.close();
    }

    @Benchmark
    public byte[] handshakeAndResource() throws Exception {
        KbsClient client = KbsClient.builder().url(url).attester(new SampleAttester())
                .teeKeyAlgorithm(TeeKeyAlgorithm.valueOf(teeKey)).build();
        return client.getResource(resource);
    }
}
