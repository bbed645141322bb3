package io.coco4j.cli.serve;

import io.coco4j.kbs.config.ConfigException;
import io.coco4j.kbs.config.SplitServiceConfig;
import io.coco4j.kbs.server.StartupException;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/** What the {@code serve} commands share: listen addresses from the command line, and serving until the process is stopped. */
public final class ServerLifetime {

    private ServerLifetime() {
    }

    /** Starts a server; a configuration or start-up problem is reported, not thrown. */
    @FunctionalInterface
    public interface Starter<S extends AutoCloseable> {
        S start() throws ConfigException, StartupException, IOException;
    }

    /**
     * A serve command's run: starts the server, prints its banner, serves until stopped; exit code 2
     * (and one line on {@code err}) when it cannot start.
     */
    public static <S extends AutoCloseable> int run(String command, PrintWriter err, Starter<S> starter,
                                                    BiConsumer<S, PrintWriter> banner) throws InterruptedException {
        S server;
        try {
            server = starter.start();
        } catch (ConfigException | StartupException | IOException e) {
            err.println(command + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        banner.accept(server, err);
        err.flush();
        serveUntilStopped(server);
        return 0;
    }

    /** {@code config} with the listeners of {@code --listen} and {@code --grpc}, where given. */
    public static <T extends SplitServiceConfig<T>> T withListeners(T config, String listen, String grpc) throws StartupException {
        T moved = config;
        if (listen != null) {
            moved = moved.withListeners(moved.httpServer().withSockets(List.of(parseSocket("--listen", listen))), moved.grpc());
        }
        if (grpc != null) {
            moved = moved.withListeners(moved.httpServer(), moved.grpc().withListen(parseSocket("--grpc", grpc)));
        }
        return moved;
    }

    /** Blocks until SIGTERM/SIGINT, then closes {@code server} (requests in flight finish first). */
    public static void serveUntilStopped(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the process is ending
            } finally {
                stopped.countDown();
            }
        }, "coco4j-shutdown"));
        stopped.await();
    }

    /** {@code HOST:PORT} (IPv6 in brackets) of the option {@code option}. */
    public static InetSocketAddress parseSocket(String option, String text) throws StartupException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new StartupException(option + " wants HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException(option + " wants HOST:PORT, got '" + text + "'");
        }
    }
}
