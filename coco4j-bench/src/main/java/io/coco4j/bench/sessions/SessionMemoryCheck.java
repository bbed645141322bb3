package io.coco4j.bench.sessions;

import io.coco4j.bench.load.GuestFailure;
import io.coco4j.bench.load.GuestTee;
import io.coco4j.bench.load.GuestTees;
import io.coco4j.bench.load.InProcessKbs;
import io.coco4j.bench.load.LoadSettings;
import io.coco4j.bench.load.ScratchDirectory;
import io.coco4j.bench.load.SimulatedGuest;
import io.coco4j.guest.attester.CompositeAttester;
import io.coco4j.kbs.session.Session;
import io.coco4j.kbs.session.SessionStore;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.tee.Tee;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Run in a JVM of its own with the heap limit under test ({@link SessionMemoryRun} starts it): a
 * KBS in this JVM, one real guest to learn the size of an attestation token, then {@code count}
 * attested sessions in the KBS's in-memory store, each with its own id, nonce and token of that
 * size, as {@code /auth} and {@code /attest} would leave them. The heap is measured after a full GC
 * before and after, then {@value #GUESTS_AFTER} more guests must still be served. Prints the
 * {@link SessionMemoryReport} as one JSON line; a heap too small ends the JVM with an
 * {@link OutOfMemoryError}.
 */
public final class SessionMemoryCheck {

    static final int GUESTS_AFTER = 10;

    private SessionMemoryCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SessionMemoryCheck COUNT TEE");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (ScratchDirectory work = ScratchDirectory.create("coco4j-sessions")) {
            report(count, GuestTees.create(args[1], work.path()), secret, work.path());
        } catch (GuestFailure e) {
            System.err.println("a guest failed: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void report(int count, GuestTee tee, byte[] secret, Path work) throws Exception {
        try (InProcessKbs kbs = InProcessKbs.start(tee, LoadSettings.DEFAULT_RESOURCE, secret, work.resolve("kbs"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            SimulatedGuest guest = new SimulatedGuest(http, kbs.url(), LoadSettings.DEFAULT_RESOURCE, CompositeAttester.of(tee.attester()),
                    TeeKeyAlgorithm.EC_P256, Duration.ofSeconds(30));
            String token = guest.token();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = heapAfterGc(memory);
            fill(kbs.server().sessions(), Tee.fromWireName(tee.name()).orElseThrow(), token, count);
            long after = heapAfterGc(memory);
            for (int i = 0; i < GUESTS_AFTER; i++) {
                guest.run();
            }
            String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                    .collect(Collectors.joining(", "));
            System.out.println(Json.write(new SessionMemoryReport(count, tee.name(), Runtime.getRuntime().maxMemory(), before, after,
                    token.length(), GUESTS_AFTER, collectors)));
        }
    }

    /** Attested sessions shaped as the KBS makes them: 32 hex character ids, base64 nonces of 32 bytes, tokens of one size. */
    static void fill(SessionStore store, Tee tee, String token, int count) {
        SecureRandom random = new SecureRandom();
        Instant expiry = Instant.now().plus(Duration.ofMinutes(10));
        String head = token.substring(0, token.length() - 8);
        byte[] id = new byte[16];
        byte[] nonce = new byte[32];
        for (int i = 0; i < count; i++) {
            random.nextBytes(id);
            random.nextBytes(nonce);
            // each token its own string, as each /attest issues its own
            String own = head + String.format("%08x", i);
            store.put(Session.authed(HexFormat.of().formatHex(id), tee, Base64.getEncoder().encodeToString(nonce), expiry).attested(own));
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
