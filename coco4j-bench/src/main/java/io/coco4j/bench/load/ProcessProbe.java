package io.coco4j.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The probe of a server in another process on this machine, by its process id: CPU from
 * {@code /proc/<pid>/stat} and descriptors from {@code /proc/<pid>/fd} (any server, the reference
 * KBS included); the heap after GC through the JDK's attach mechanism when the server is a JVM of
 * this user (attached on first use, so runs without heap samples never touch the server's JVM).
 */
public final class ProcessProbe implements ServerProbe {

    private final long pid;
    private final Path proc;
    private final long ticksPerSecond;
    private AttachedHeap heap;
    private String heapProblem = "";

    public ProcessProbe(long pid) {
        this.pid = pid;
        this.proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            throw new IllegalArgumentException("no process " + pid + " (or no /proc on this system)");
        }
        this.ticksPerSecond = clockTicks();
    }

    @Override
    public String describe() {
        return "process " + pid + " (/proc" + (heap != null ? ", heap through JMX" : "") + ")";
    }

    @Override
    public boolean sharesThisJvm() {
        return false;
    }

    @Override
    public OptionalLong processCpuNanos() {
        try {
            String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
            // the command name may hold spaces and parentheses: fields are counted after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return OptionalLong.of(ticks * 1_000_000_000L / ticksPerSecond);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public OptionalLong openFileDescriptors() {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return OptionalLong.of(fds.count());
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public synchronized OptionalLong heapAfterGc() {
        try {
            if (heap == null) {
                heap = AttachedHeap.attach(pid);
            }
            return OptionalLong.of(heap.usedAfterGc());
        } catch (IOException | RuntimeException e) {
            heapProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (LinkageError e) {
            heapProblem = "this Java runtime has no attach mechanism (module jdk.attach)";
        }
        return OptionalLong.empty();
    }

    /** Why the heap could not be read, or empty. */
    public synchronized String heapProblem() {
        return heapProblem;
    }

    @Override
    public synchronized void close() {
        if (heap != null) {
            try {
                heap.close();
            } catch (IOException e) {
                // the server may be gone already
            }
        }
    }

    /** {@code getconf CLK_TCK}; Linux's 100 when it cannot be asked. */
    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
