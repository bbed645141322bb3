package io.coco4j.kbs.crash;

import io.coco4j.kbs.server.ConfigFragments;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.ServiceProcess;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.storage.StorageBackend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kills a KBS with SIGKILL at random points while administrators write resources, the resource
 * policy, attestation policies and reference values through its admin API, restarts it on the
 * same data, and checks that every acknowledged write is stored byte for byte and that no write
 * shows torn: each value is a self-checking {@link Payload}, and a write in flight at the kill
 * leaves exactly its previous version or exactly its new one (a reference-value message: all its
 * values, or none). {@link CrashPlan} says how many kill points and how to replay a seed.
 */
class CrashConsistencyTest {

    /** Enough requests in flight that a kill often lands inside a storage write. */
    private static final int WRITERS = 6;
    private static final int RESOURCES_PER_WRITER = 2;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashStore.class)
    void acknowledgedWritesSurviveSigkillAndNoWriteIsTorn(CrashStore store) throws Exception {
        CrashPlan plan = CrashPlan.fromSettings();
        assumeTrue(plan.covers(store), "coco4j.crash.stores leaves " + store + " out");
        System.out.println("crash test on " + store + ": " + plan.points() + " kill points, " + plan.replay());
        DataDirectory admin = new DataDirectory(dir.resolve("admin"));
        Path adminPublicKey = EmbeddedDefaults.ensureAdminKeys(admin);
        try (CrashStore.Prepared prepared = store.prepare(dir)) {
            Path config = dir.resolve("kbs-config.toml");
            Files.writeString(config, ConfigFragments.loopbackWithAdmin(adminPublicKey) + prepared.configuration());
            Path data = dir.resolve("data");
            Path log = dir.resolve("kbs.log");
            List<List<Target>> owned = targetsByWriter();
            Ledger ledger = new Ledger(owned.stream().flatMap(List::stream).toList());
            SplittableRandom random = new SplittableRandom(plan.seed());

            ServiceProcess kbs = ServiceProcess.start("kbs", config, data, log);
            try {
                for (int point = 1; point <= plan.points(); point++) {
                    CrashPlan.KillPoint kill = CrashPlan.killPoint(random);
                    String where = store + ", kill point " + point + "/" + plan.points() + " (" + kill + "), " + plan.replay()
                            + ", log " + log;
                    int inDoubt = writeAndKill(kbs, admin, owned, ledger, random, kill, where);
                    long restart = System.nanoTime();
                    Instant killed = Instant.now();
                    try {
                        kbs = ServiceProcess.start("kbs", config, data, log);
                    } catch (IllegalStateException e) {
                        throw new AssertionError("the KBS does not start again after the kill: " + where, e);
                    }
                    long restartMillis = (System.nanoTime() - restart) / 1_000_000;
                    check(kbs, admin, prepared, ledger, killed, where);
                    System.out.println("  kill point " + point + " " + kill + ": " + inDoubt + " writes in doubt; restarted in "
                            + restartMillis + " ms; " + ledger.acknowledgedTargets() + " targets hold acknowledged versions, all intact");
                }
            } finally {
                kbs.close();
            }
        }
    }

    /** Runs the writers until the kill point, kills the KBS, and returns how many writes were left in doubt. */
    private static int writeAndKill(ServiceProcess kbs, DataDirectory admin, List<List<Target>> owned, Ledger ledger,
                                    SplittableRandom random, CrashPlan.KillPoint kill, String where) throws Exception {
        AdminClient client = new AdminClient(TestKbs.remote(kbs.url(), admin));
        CountDownLatch acknowledgements = new CountDownLatch(kill.acknowledgedWrites());
        List<AdminWriter> writers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (List<Target> targets : owned) {
            AdminWriter writer = new AdminWriter(client, targets, ledger, random.split(), acknowledgements);
            writers.add(writer);
            Thread thread = new Thread(writer, "crash-writer-" + writers.size());
            threads.add(thread);
            thread.start();
        }
        boolean reached = acknowledgements.await(60, TimeUnit.SECONDS);
        LockSupport.parkNanos(kill.delayMicros() * 1_000);
        long killedAt = System.nanoTime();
        kbs.kill();
        for (Thread thread : threads) {
            thread.join(30_000);
            assertThat(thread.isAlive()).as("writer %s still runs 30 s after the kill: %s", thread.getName(), where).isFalse();
        }
        List<String> failures = new ArrayList<>();
        int inDoubt = 0;
        for (AdminWriter writer : writers) {
            AdminWriter.Outcome outcome = writer.outcome();
            if (outcome.failure().isPresent()) {
                failures.add(outcome.failure().get());
            } else if (outcome.nanoTime() < killedAt) {
                failures.add("a request failed before the KBS was killed");
            } else {
                inDoubt++;
            }
        }
        assertThat(failures).as("admin writes before the kill: %s", where).isEmpty();
        assertThat(reached).as("the writers reached %d acknowledged writes within 60 s: %s", kill.acknowledgedWrites(), where).isTrue();
        return inDoubt;
    }

    /**
     * Every target holds what the ledger allows, reference-value groups are whole, nothing else is
     * stored, and no interrupted write of the killed KBS left a copy of a value behind.
     */
    private static void check(ServiceProcess kbs, DataDirectory admin, CrashStore.Prepared prepared, Ledger ledger, Instant killed,
                              String where) throws Exception {
        List<String> problems = new ArrayList<>();
        // before this process opens the storage itself, which would clear them too
        prepared.leftovers().before(killed).forEach(file -> problems.add("left behind by an interrupted write: " + file));
        try (StorageBackend storage = prepared.storage().open()) {
            StoredState state = new StoredState(TestKbs.remote(kbs.url(), admin), storage);
            for (Target target : ledger.targets()) {
                List<Optional<byte[]>> items = state.read(target);
                for (Optional<byte[]> item : items) {
                    ledger.problem(target, item).ifPresent(problems::add);
                }
                if (items.stream().map(i -> i.map(java.util.HexFormat.of()::formatHex)).distinct().count() > 1) {
                    problems.add(target + ": one message registered these values, yet they differ: "
                            + items.stream().map(i -> i.map(Payload::describe).orElse("nothing")).toList());
                }
                ledger.settle(target, items.get(0));
            }
            state.strays(ledger.targets()).forEach(stray -> problems.add("stored, but never written: " + stray));
        }
        assertThat(problems).as("after the restart: %s", where).isEmpty();
    }

    /** Each writer's own targets: resources, an attestation policy and a reference-value group; the first also writes the resource policy. */
    private static List<List<Target>> targetsByWriter() {
        List<List<Target>> owned = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<Target> targets = new ArrayList<>();
            for (int r = 0; r < RESOURCES_PER_WRITER; r++) {
                targets.add(Target.resource("crash/w" + w + "/r" + r));
            }
            targets.add(Target.attestationPolicy("crash_w" + w));
            targets.add(Target.referenceValues("crash-w" + w));
            if (w == 0) {
                targets.add(Target.RESOURCE_POLICY);
            }
            owned.add(List.copyOf(targets));
        }
        return owned;
    }
}
