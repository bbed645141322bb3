package io.coco4j.kbs.session;

import java.time.Clock;

/** The default store; its "replicas" are one store, as a single process has one. */
class InMemorySessionStoreTest extends SessionStoreContract {

    private InMemorySessionStore shared;

    @Override
    SessionStore openReplica() {
        if (shared == null) {
            shared = new InMemorySessionStore(Clock.systemUTC());
        }
        return shared;
    }
}
