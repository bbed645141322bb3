package io.coco4j.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's own threads (guests, and the HTTP client's executor and selector), so that
 * their CPU can be told apart from a KBS sharing the JVM. Threads are created here and stay alive
 * until after the last reading.
 */
final class GeneratorThreads implements ThreadFactory {

    /** The JDK HTTP client names its selector thread {@code HttpClient-<n>-SelectorManager}. */
    private static final String HTTP_CLIENT_PREFIX = "HttpClient-";

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Thread> created = new CopyOnWriteArrayList<>();

    GeneratorThreads(String prefix) {
        this.prefix = prefix;
        if (mx.isThreadCpuTimeSupported() && !mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        created.add(thread);
        return thread;
    }

    /** CPU nanoseconds by thread id of every generator thread alive now. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
    Map<Long, Long> cpuByThread() {
        Map<Long, Long> out = new HashMap<>();
        if (!mx.isThreadCpuTimeSupported()) {
            return out;
        }
        for (Thread thread : created) {
            put(out, thread.getId());
        }
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(HTTP_CLIENT_PREFIX)) {
                put(out, info.getThreadId());
            }
        }
        return out;
    }

    private void put(Map<Long, Long> out, long id) {
        long nanos = mx.getThreadCpuTime(id);
        if (nanos >= 0) {
            out.put(id, nanos);
        }
    }

    /** CPU used between two readings; threads born in between count from zero. */
    static long elapsed(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            sum += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
        }
        return sum;
    }
}
