package io.coco4j.cli.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Keeps a guest daemon's servers open until the process is told to stop, then closes them in reverse order. */
final class DaemonLifetime implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Records an address the daemon serves on. */
    void serving(String address) {
        addresses.add(address);
    }

    /** The addresses served, in start order. */
    List<String> addresses() {
        return List.copyOf(addresses);
    }

    /** Blocks until SIGTERM/SIGINT (or {@link #close()}), then releases everything. */
    void awaitShutdown() throws InterruptedException {
        Thread hook = new Thread(this::close, "coco4j-guest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
    }

    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // stopping: the remaining resources are still released
            }
        }
        resources.clear();
        stopped.countDown();
    }
}
