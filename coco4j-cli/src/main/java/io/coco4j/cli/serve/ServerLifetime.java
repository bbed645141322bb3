package io.coco4j.cli.serve;

import io.coco4j.kbs.server.StartupException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/** What the {@code serve} commands share: listen addresses from the command line, and serving until the process is stopped. */
public final class ServerLifetime {

    private ServerLifetime() {
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
