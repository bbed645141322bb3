package io.coco4j.kbs.server;

import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.StorageType;
import io.coco4j.kbs.session.InMemorySessionStore;
import io.coco4j.kbs.session.KeyValueSessionStore;
import io.coco4j.kbs.session.RedisSessionStore;
import io.coco4j.kbs.session.SessionStore;
import io.coco4j.kbs.session.SessionStoreException;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Opens the session store {@code session_storage_type} names: memory, Redis, or a storage back-end. */
final class SessionStores {

    /** The reference's variable: a Redis URL that overrides {@code backends.redis.url}. */
    static final String REDIS_URL = "REDIS_URL";

    private SessionStores() {
    }

    /** The store and a description for the start-up log. */
    record Opened(SessionStore store, String description) {
    }

    static Opened open(KbsConfig config, StorageBackend storage, Map<String, String> environment, Clock clock)
            throws StartupException {
        StorageType type = config.effectiveSessionStorageType();
        try {
            switch (type) {
                case MEMORY:
                    return new Opened(new InMemorySessionStore(clock), "process memory");
                case REDIS: {
                    String url = Optional.ofNullable(environment.get(REDIS_URL)).filter(u -> !u.isBlank())
                            .orElse(config.storageBackend().backends().redisOrDefault().url());
                    RedisSessionStore redis = RedisSessionStore.connect(url);
                    return new Opened(redis, redis.describe());
                }
                case LOCAL_JSON:
                    throw new StartupException("session_storage_type = \"LocalJson\" is not supported yet");
                default: {
                    if (type == config.storageBackend().storageType()) {
                        return new Opened(new KeyValueSessionStore(storage.namespace(Namespace.KBS_PROTOCOL_SESSION), clock, null),
                                "namespace " + Namespace.KBS_PROTOCOL_SESSION + " of the storage");
                    }
                    StorageBackend own = StorageBackends.openType(type, config.storageBackend(), environment);
                    try {
                        return new Opened(new KeyValueSessionStore(own.namespace(Namespace.KBS_PROTOCOL_SESSION), clock, own),
                                own.describe());
                    } catch (StorageException | RuntimeException e) {
                        own.close();
                        throw e;
                    }
                }
            }
        } catch (SessionStoreException | StorageException e) {
            throw new StartupException("cannot open the " + type.configName() + " session store: " + e.getMessage(), e);
        }
    }
}
