package io.coco4j.kbs.server;

import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.ReferenceValueStoreException;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.intoto.InTotoExtractor;
import io.coco4j.rvps.intoto.InTotoFormatException;
import io.coco4j.rvps.intoto.InTotoKey;
import io.coco4j.rvps.intoto.LayoutTrust;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.rvps.store.JdbcReferenceValueStore;
import io.coco4j.rvps.store.PostgresSettings;
import io.coco4j.rvps.store.ReferenceValueStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assembles the built-in RVPS a configuration describes: its store and its providers. */
final class ReferenceValueServices {

    private ReferenceValueServices() {
    }

    static BuiltinReferenceValueProvider builtIn(RvpsConfig.BuiltIn config, ServerMode mode, DataDirectory data, Clock clock)
            throws StartupException {
        BuiltinReferenceValueProvider.Builder builder;
        Optional<LayoutTrust> trust = layoutTrust(config);
        ReferenceValueStore store = store(config.store(), data);
        builder = BuiltinReferenceValueProvider.builder(store).clock(clock);
        if (mode == ServerMode.DEVELOPMENT || config.enableSample()) {
            builder.extractor(new SampleExtractor());
        }
        builder.extractor(new InTotoExtractor(trust, clock));
        return builder.build();
    }

    private static ReferenceValueStore store(RvpsConfig.Store config, DataDirectory data) throws StartupException {
        try {
            if (config instanceof RvpsConfig.Store.Sqlite sqlite) {
                return JdbcReferenceValueStore.sqlite(sqlite.path().orElse(data.rvpsDatabase()));
            }
            if (config instanceof RvpsConfig.Store.Postgres postgres) {
                return JdbcReferenceValueStore.postgres(new PostgresSettings(postgres.url(), postgres.username(), postgres.password(),
                        postgres.maxPoolSize()));
            }
            return new InMemoryReferenceValueStore();
        } catch (ReferenceValueStoreException e) {
            throw new StartupException("reference-value store: " + e.getMessage(), e);
        }
    }

    private static Optional<LayoutTrust> layoutTrust(RvpsConfig.BuiltIn config) throws StartupException {
        List<InTotoKey> keys = new ArrayList<>();
        for (Path path : config.trustedLayoutKeys()) {
            try {
                keys.add(InTotoKey.fromFile(path));
            } catch (IOException e) {
                throw new StartupException("attestation_service.rvps_config.trusted_layout_keys: cannot read " + path + ": "
                        + e.getMessage(), e);
            } catch (InTotoFormatException e) {
                throw new StartupException("attestation_service.rvps_config.trusted_layout_keys: " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LayoutTrust(LayoutTrust.anyOf(keys).keys(), config.layoutKeyThreshold()));
    }
}
