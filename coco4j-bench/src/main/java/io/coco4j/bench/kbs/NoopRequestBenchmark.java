package io.coco4j.bench.kbs;

import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP part of a KBS request, without the KBS work: {@code GET /healthz} on the real KBS server
 * (Jetty, plain HTTP on loopback as in demo mode) from the JDK client the guest uses, on one kept-alive
 * connection. Client and server share the JVM, so the figure holds both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoopRequestBenchmark {

    private KbsServer server;
    private HttpClient client;
    private HttpRequest request;

    @Setup(Level.Trial)
    public void start() throws Exception {
        DataDirectory directory = new DataDirectory(Files.createTempDirectory("coco4j-bench-http"));
        KbsConfig config = EmbeddedDefaults.create(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = KbsServer.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, directory, List.of()));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz")).GET().build();
        if (healthz() != 200) {
            throw new IllegalStateException("GET /healthz did not answer 200");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.close();
    }

    @Benchmark
    public int healthz() throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }
}
