package io.coco4j.kbs.crash;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Where a crash test kills the server: how many kill points per store, and the seed every random
 * choice comes from (kill points, targets, sizes, contents). A run prints its seed; setting it
 * again replays the same plan. The thread interleaving around each kill is the machine's, so a
 * replay aims at the same moments rather than hitting the same instruction.
 *
 * <p>{@code -Dcoco4j.crash.points=20} (or {@code COCO4J_CRASH_POINTS=20}) runs 20 kill points per
 * store instead of 5; {@code -Dcoco4j.crash.seed=<n>} (or {@code COCO4J_CRASH_SEED}) fixes the seed;
 * {@code -Dcoco4j.crash.stores=LOCAL_FS,SQLITE} (or {@code COCO4J_CRASH_STORES}) runs those stores only.
 */
record CrashPlan(long seed, int points, Set<String> stores) {

    static final int DEFAULT_POINTS = 5;
    /** Kill after 1 to this many acknowledged writes of the round. */
    static final int MAX_WRITES_BEFORE_KILL = 40;
    /** And then up to this much later. */
    static final long MAX_DELAY_MICROS = 20_000;

    /** One kill point: once the writers have {@code acknowledgedWrites} answers, wait {@code delayMicros}, then SIGKILL. */
    record KillPoint(int acknowledgedWrites, long delayMicros) {
        @Override
        public String toString() {
            return "after " + acknowledgedWrites + " acknowledged writes + " + delayMicros + " µs";
        }
    }

    static CrashPlan fromSettings() {
        long seed = setting("coco4j.crash.seed", "COCO4J_CRASH_SEED").map(Long::parseLong).orElseGet(() -> new SecureRandom().nextLong());
        int points = setting("coco4j.crash.points", "COCO4J_CRASH_POINTS").map(Integer::parseInt).orElse(DEFAULT_POINTS);
        if (points < 1) {
            throw new IllegalArgumentException("coco4j.crash.points must be at least 1");
        }
        Set<String> stores = setting("coco4j.crash.stores", "COCO4J_CRASH_STORES")
                .map(list -> Set.copyOf(java.util.List.of(list.toUpperCase(Locale.ROOT).split("\\s*,\\s*")))).orElse(Set.of());
        return new CrashPlan(seed, points, stores);
    }

    /** Whether this run covers {@code store} (every store, unless some were named). */
    boolean covers(CrashStore store) {
        return stores.isEmpty() || stores.contains(store.name());
    }

    static KillPoint killPoint(SplittableRandom random) {
        return new KillPoint(random.nextInt(1, MAX_WRITES_BEFORE_KILL + 1), random.nextLong(0, MAX_DELAY_MICROS + 1));
    }

    private static Optional<String> setting(String property, String variable) {
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(variable)))
                .map(String::trim).filter(s -> !s.isEmpty());
    }

    /** How to run this plan again. */
    String replay() {
        return "seed " + seed + " (replay: -Dcoco4j.crash.seed=" + seed + " -Dcoco4j.crash.points=" + points + ")";
    }
}
