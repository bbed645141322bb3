package io.coco4j.bench.kbs;

import io.coco4j.guest.kbs.GuestHttpProbe;
import io.coco4j.bench.load.ScratchDirectory;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP part of a KBS request, without the KBS work: {@code GET /healthz} on the real KBS server
 * (Jetty, plain HTTP on loopback as in demo mode), on one kept-alive connection. {@code guest} sends it
 * through the guest's own HTTP layer (the JDK client, as every KBS client request); {@code socket}
 * writes the request on a blocking socket and reads the answer's head, which leaves little but the
 * server's share. Client and server share the JVM, so each figure holds both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoopRequestBenchmark {

    private static final byte[] REQUEST = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Param({"guest", "socket"})
    public String client;

    private ScratchDirectory scratch;
    private KbsServer server;
    private GuestHttpProbe guest;
    private URI healthz;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    @Setup(Level.Trial)
    public void start() throws Exception {
        scratch = ScratchDirectory.create("coco4j-bench-http");
        DataDirectory directory = new DataDirectory(scratch.path());
        KbsConfig config = EmbeddedDefaults.create(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = KbsServer.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, directory, List.of()));
        String base = "http://127.0.0.1:" + server.port();
        guest = new GuestHttpProbe(base);
        healthz = URI.create(base + "/healthz");
        socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        if (healthz() != 200) {
            throw new IllegalStateException("GET /healthz did not answer 200");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        socket.close();
        server.close();
        scratch.close();
    }

    @Benchmark
    public int healthz() throws Exception {
        return client.equals("guest") ? guest.get(healthz) : socketGet();
    }

    /** The request, then the answer's head; /healthz answers with an empty body. */
    private int socketGet() throws IOException {
        out.write(REQUEST);
        out.flush();
        StringBuilder statusLine = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (statusLine.length() < 12) {
                statusLine.append((char) b);
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }
}
