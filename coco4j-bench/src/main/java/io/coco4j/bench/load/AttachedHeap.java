package io.coco4j.bench.load;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap of another JVM of this user, through the JDK's attach mechanism and its local JMX agent.
 * A class of its own so that a runtime without {@code jdk.attach} fails only when the heap is asked for.
 */
final class AttachedHeap implements AutoCloseable {

    private final JMXConnector jmx;
    private final MemoryMXBean memory;

    private AttachedHeap(JMXConnector jmx, MemoryMXBean memory) {
        this.jmx = jmx;
        this.memory = memory;
    }

    static AttachedHeap attach(long pid) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to process " + pid + ": " + e.getMessage(), e);
        }
        try {
            JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            return new AttachedHeap(jmx, ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class));
        } finally {
            vm.detach();
        }
    }

    long usedAfterGc() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() throws IOException {
        jmx.close();
    }
}
