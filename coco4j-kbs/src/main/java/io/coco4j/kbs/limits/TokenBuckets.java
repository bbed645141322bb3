package io.coco4j.kbs.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One token bucket per client: {@code burst} requests at once, refilled at {@code perMinute}. The
 * clients tracked are bounded: past {@link #MAX_CLIENTS} the least recently seen is forgotten (it
 * comes back with a full bucket), so a flood of addresses cannot grow the table without end.
 */
public final class TokenBuckets {

    static final int MAX_CLIENTS = 100_000;

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    public TokenBuckets(int perMinute, int burst) {
        this(perMinute, burst, System::nanoTime);
    }

    TokenBuckets(int perMinute, int burst, LongSupplier nanoClock) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.capacity = burst;
        this.tokensPerNano = perMinute / 60e9;
        this.nanoClock = nanoClock;
    }

    /** Takes a token for {@code client}: 0 when it had one, else the nanoseconds until it will. */
    public synchronized long take(String client) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) * tokensPerNano);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - bucket.tokens) / tokensPerNano);
    }
}
