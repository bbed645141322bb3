package io.coco4j.kbs.session;

import io.coco4j.protocol.tee.Tee;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** What every session store does; shared stores also when two replicas use them at once. */
abstract class SessionStoreContract {

    private final List<SessionStore> opened = new ArrayList<>();

    /** A store on the shared back-end: two calls are two replicas' views of the same sessions. */
    abstract SessionStore openReplica() throws Exception;

    SessionStore store() throws Exception {
        SessionStore store = openReplica();
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(SessionStore::close);
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static Session authed(String id, Instant expires) {
        return Session.authed(id, Tee.SAMPLE, "bm9uY2U=", expires);
    }

    @Test
    void aSessionWrittenByOneReplicaIsReadByTheOther() throws Exception {
        SessionStore a = store();
        SessionStore b = store();
        Instant now = Instant.now();
        String id = newId();
        a.put(authed(id, now.plus(Duration.ofMinutes(5))));
        Session read = b.get(id, now).orElseThrow();
        assertThat(read.tee()).isEqualTo(Tee.SAMPLE);
        assertThat(read.nonce()).isEqualTo("bm9uY2U=");
        assertThat(read.expiresAt().toEpochMilli()).isEqualTo(now.plus(Duration.ofMinutes(5)).toEpochMilli());
        assertThat(read.isAttested()).isFalse();
        assertThat(b.markAttested(id, "token-b", now).orElseThrow().token()).contains("token-b");
        assertThat(a.get(id, now).orElseThrow().token()).contains("token-b");
    }

    @Test
    void anAttestedSessionKeepsItsFirstToken() throws Exception {
        SessionStore store = store();
        Instant now = Instant.now();
        String id = newId();
        store.put(authed(id, now.plus(Duration.ofMinutes(5))));
        assertThat(store.markAttested(id, "first", now).orElseThrow().token()).contains("first");
        assertThat(store.markAttested(id, "second", now).orElseThrow().token()).contains("first");
    }

    @Test
    void unknownAndExpiredSessionsAreAbsent() throws Exception {
        SessionStore store = store();
        Instant now = Instant.now();
        assertThat(store.get(newId(), now)).isEmpty();
        assertThat(store.markAttested(newId(), "t", now)).isEmpty();
        String id = newId();
        store.put(authed(id, now.plus(Duration.ofSeconds(30))));
        Instant later = now.plus(Duration.ofSeconds(31));
        assertThat(store.get(id, later)).isEmpty();
        assertThat(store.markAttested(id, "t", later)).isEmpty();
    }

    @Test
    void cookiesThatCannotBeSessionIdsFindNothing() throws Exception {
        SessionStore store = store();
        for (String id : new String[] {"../x", "a b", "", "*"}) {
            assertThat(store.get(id, Instant.now())).as(id).isEmpty();
        }
    }

    @Test
    void concurrentAttestsOnTwoReplicasKeepExactlyOneToken() throws Exception {
        SessionStore a = store();
        SessionStore b = store();
        Instant now = Instant.now();
        for (int round = 0; round < 10; round++) {
            String id = newId();
            a.put(authed(id, now.plus(Duration.ofMinutes(5))));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Optional<Session>>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    SessionStore replica = i % 2 == 0 ? a : b;
                    String token = "token-" + i;
                    results.add(pool.submit(() -> {
                        go.await();
                        return replica.markAttested(id, token, now);
                    }));
                }
                go.countDown();
                Set<String> tokens = new HashSet<>();
                for (Future<Optional<Session>> result : results) {
                    tokens.add(result.get().orElseThrow().token().orElseThrow());
                }
                assertThat(tokens).as("every attest sees the one token that was stored").hasSize(1);
                assertThat(a.get(id, now).orElseThrow().token()).contains(tokens.iterator().next());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void admissionEvictsTheOldestUnattestedSessionWhenFull() throws Exception {
        SessionStore a = store();
        SessionStore b = store();
        Instant now = Instant.now();
        String first = newId();
        String second = newId();
        String third = newId();
        assertThat(a.admit(authed(first, now.plus(Duration.ofMinutes(1))), 3, now)).isEqualTo(Admission.admitted());
        assertThat(b.admit(authed(second, now.plus(Duration.ofMinutes(2))), 3, now)).isEqualTo(Admission.admitted());
        assertThat(a.admit(authed(third, now.plus(Duration.ofMinutes(3))), 3, now)).isEqualTo(Admission.admitted());
        b.markAttested(second, "token", now).orElseThrow();

        String fourth = newId();
        assertThat(b.admit(authed(fourth, now.plus(Duration.ofMinutes(4))), 3, now)).isEqualTo(Admission.evicting(first));
        assertThat(a.get(first, now)).as("the oldest unattested session made room").isEmpty();
        String fifth = newId();
        assertThat(a.admit(authed(fifth, now.plus(Duration.ofMinutes(5))), 3, now))
                .as("the attested session is older but stays").isEqualTo(Admission.evicting(third));
        assertThat(b.get(second, now).orElseThrow().token()).contains("token");
        assertThat(b.get(fourth, now)).isPresent();
        assertThat(b.get(fifth, now)).isPresent();
    }

    @Test
    void admissionDoesNotEvictASessionAdmittedWithinTheGrace() throws Exception {
        SessionStore store = store();
        Instant now = Instant.now();
        Instant expiry = now.plus(Duration.ofMinutes(5));
        String inFlight = newId();
        assertThat(store.admit(authed(inFlight, expiry), 1, now)).isEqualTo(Admission.admitted());

        String newcomer = newId();
        assertThat(store.admit(authed(newcomer, expiry.plus(SessionStore.EVICTION_GRACE).minusMillis(1)), 1, now))
                .as("a guest still attesting keeps its session").isEqualTo(Admission.full());
        assertThat(store.get(inFlight, now)).isPresent();
        assertThat(store.get(newcomer, now)).isEmpty();

        String later = newId();
        assertThat(store.admit(authed(later, expiry.plus(SessionStore.EVICTION_GRACE)), 1, now)).isEqualTo(Admission.evicting(inFlight));
        assertThat(store.get(later, now)).isPresent();
    }

    @Test
    void admissionRefusesWhenEverySessionHasAttested() throws Exception {
        SessionStore store = store();
        Instant now = Instant.now();
        for (int i = 0; i < 2; i++) {
            String id = newId();
            assertThat(store.admit(authed(id, now.plus(Duration.ofMinutes(5))), 2, now).stored()).isTrue();
            store.markAttested(id, "token-" + i, now).orElseThrow();
        }
        String refused = newId();
        assertThat(store.admit(authed(refused, now.plus(Duration.ofMinutes(5))), 2, now)).isEqualTo(Admission.full());
        assertThat(store.get(refused, now)).as("nothing was stored").isEmpty();
    }

    @Test
    void expiredSessionsDoNotCountAgainstTheLimit() throws Exception {
        SessionStore store = store();
        Instant now = Instant.now();
        String old = newId();
        store.admit(authed(old, now.plus(Duration.ofSeconds(1))), 1, now);
        store.markAttested(old, "token", now).orElseThrow();
        Instant later = now.plus(Duration.ofSeconds(2));
        String fresh = newId();
        assertThat(store.admit(authed(fresh, later.plus(Duration.ofMinutes(5))), 1, later)).isEqualTo(Admission.admitted());
        assertThat(store.get(fresh, later)).isPresent();
    }
}
