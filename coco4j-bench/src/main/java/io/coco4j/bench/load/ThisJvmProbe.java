package io.coco4j.bench.load;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.OptionalLong;

/** The probe of a KBS running in this JVM: this process's CPU, heap and descriptors. */
public final class ThisJvmProbe implements ServerProbe {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    @Override
    public String describe() {
        return "this JVM (the KBS runs in-process)";
    }

    @Override
    public boolean sharesThisJvm() {
        return true;
    }

    @Override
    public OptionalLong processCpuNanos() {
        return cpu(os);
    }

    static OptionalLong cpu(java.lang.management.OperatingSystemMXBean os) {
        if (os instanceof OperatingSystemMXBean sun) {
            long nanos = sun.getProcessCpuTime();
            return nanos < 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
        }
        return OptionalLong.empty();
    }

    @Override
    public OptionalLong heapAfterGc() {
        memory.gc();
        return OptionalLong.of(memory.getHeapMemoryUsage().getUsed());
    }

    @Override
    public OptionalLong openFileDescriptors() {
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getOpenFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}
