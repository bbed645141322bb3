package io.coco4j.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Start slots at a fixed rate shared by every client: slot {@code k} is {@code start + k / rate}. A
 * client takes the next slot and waits for it, so guests start at the rate whatever their latency,
 * as long as enough clients are free.
 */
final class Pacer {

    private final long intervalNanos;
    private final AtomicLong next;

    Pacer(double perSecond, long startNanos) {
        this.intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
        this.next = new AtomicLong(startNanos);
    }

    /** Waits for the next slot; false, without waiting, when that slot is at or after {@code deadline}. */
    boolean await(long deadline) throws InterruptedException {
        long slot = next.getAndAdd(intervalNanos);
        if (slot - deadline >= 0) {
            return false;
        }
        for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }
}
