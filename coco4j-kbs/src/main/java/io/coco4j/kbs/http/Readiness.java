package io.coco4j.kbs.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /readyz} checks: named dependencies (the storage back-end, the session store), each
 * asked whether it answers. A check that takes longer than the deadline counts as down, and is not
 * started again while it is still running, so a hanging database ties up one thread, not one per probe.
 */
public final class Readiness implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(2);

    private final Map<String, BooleanSupplier> checks;
    private final Map<String, CompletableFuture<Boolean>> running = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "kbs-readiness");
        thread.setDaemon(true);
        return thread;
    });

    /** @param checks by name, in the order the answer lists them */
    public Readiness(Map<String, BooleanSupplier> checks) {
        this.checks = new LinkedHashMap<>(checks);
    }

    /** Runs every check (concurrently, each within the deadline); true means up. */
    Map<String, Boolean> check() {
        Map<String, CompletableFuture<Boolean>> started = new LinkedHashMap<>();
        checks.forEach((name, check) -> started.put(name, running.compute(name, (key, previous) ->
                previous != null && !previous.isDone() ? previous : CompletableFuture.supplyAsync(() -> safely(check), threads))));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, Boolean> results = new LinkedHashMap<>();
        started.forEach((name, future) -> results.put(name, await(future, deadline)));
        return results;
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean await(CompletableFuture<Boolean> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
