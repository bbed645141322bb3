package io.coco4j.kbs.server;

import io.coco4j.grpc.GrpcChannels;
import io.coco4j.grpc.GrpcListener;
import io.coco4j.kbs.config.GrpcListenerConfig;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.rvps.grpc.GrpcReferenceValueProvider;
import io.coco4j.rvps.grpc.ReferenceValueProviderService;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.kbs.jwks.KeySourceException;
import io.coco4j.kbs.jwks.PemPublicKeys;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.rvps.corim.CorimExtractor;
import io.coco4j.rvps.swid.SwidExtractor;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assembles the built-in RVPS a configuration describes: its store and its providers. */
final class ReferenceValueServices {

    private ReferenceValueServices() {
    }

    /**
     * The reference values of a KBS: the provider its AS queries, the built-in RVPS (absent when
     * remote) and its gRPC listener (when configured). Closing it stops the listener and the store.
     */
    record Setup(ReferenceValueProvider provider, Optional<BuiltinReferenceValueProvider> builtIn, Optional<GrpcListener> listener)
            implements AutoCloseable {
        @Override
        public void close() {
            listener.ifPresent(GrpcListener::close);
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing releases connections; nothing to do when that fails
                }
            }
        }
    }

    static Setup open(RvpsConfig config, ServerMode mode, DataDirectory data, Clock clock) throws StartupException {
        if (config instanceof RvpsConfig.GrpcRemote remote) {
            return new Setup(remote(remote), Optional.empty(), Optional.empty());
        }
        RvpsConfig.BuiltIn builtInConfig = (RvpsConfig.BuiltIn) config;
        BuiltinReferenceValueProvider rvps = builtIn(builtInConfig, mode, data, clock);
        try {
            return new Setup(rvps, Optional.of(rvps), listener(builtInConfig, rvps));
        } catch (StartupException e) {
            rvps.close();
            throw e;
        }
    }

    /** The RVPS gRPC listener of a built-in RVPS, when the configuration asks for one. */
    static Optional<GrpcListener> listener(RvpsConfig.BuiltIn config, BuiltinReferenceValueProvider rvps) throws StartupException {
        if (config.grpc().isEmpty()) {
            return Optional.empty();
        }
        GrpcListenerConfig settings = config.grpc().get();
        GrpcListener.Builder builder = GrpcListeners.builder(settings).service(new ReferenceValueProviderService(rvps).definition());
        return Optional.of(GrpcListeners.start(builder, settings, "the RVPS gRPC listener"));
    }

    /** A remote RVPS over gRPC. */
    static GrpcReferenceValueProvider remote(RvpsConfig.GrpcRemote config) throws StartupException {
        Optional<GrpcChannels.ClientTls> tls = GrpcChannels.ClientTls.of(config.caCert(), config.clientKey(), config.clientCert());
        try {
            return GrpcReferenceValueProvider.connect(config.address(), tls);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("attestation_service.rvps_config: cannot reach the RVPS at " + config.address() + ": "
                    + e.getMessage(), e);
        }
    }

    static BuiltinReferenceValueProvider builtIn(RvpsConfig.BuiltIn config, ServerMode mode, DataDirectory data, Clock clock)
            throws StartupException {
        Optional<LayoutTrust> trust = layoutTrust(config);
        List<PublicKey> corimKeys = corimKeys(config.corim());
        List<X509Certificate> swidAnchors = swidAnchors(config.swid());
        ReferenceValueStore store = store(config.store(), data);
        BuiltinReferenceValueProvider.Builder builder = BuiltinReferenceValueProvider.builder(store).clock(clock);
        if (mode == ServerMode.DEVELOPMENT || config.enableSample()) {
            builder.extractor(new SampleExtractor());
        }
        builder.extractor(new InTotoExtractor(trust, clock));
        builder.extractor(new CorimExtractor(corimKeys, config.corim().allowUnsigned()));
        builder.extractor(new SwidExtractor(swidAnchors, clock));
        return builder.build();
    }

    private static List<PublicKey> corimKeys(RvpsConfig.Corim corim) throws StartupException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path path : corim.signingKeys()) {
            try {
                keys.add(PemPublicKeys.parse(Files.readAllBytes(path), path.toString()));
            } catch (IOException | KeySourceException e) {
                throw new StartupException("attestation_service.rvps_config.corim.signing_keys: " + e.getMessage(), e);
            }
        }
        return keys;
    }

    private static List<X509Certificate> swidAnchors(RvpsConfig.Swid swid) throws StartupException {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path path : swid.trustedCertificates()) {
            try {
                List<X509Certificate> certificates = TlsMaterial.readCertificates(path);
                if (certificates.isEmpty()) {
                    throw new IOException(path + " holds no PEM certificate");
                }
                anchors.addAll(certificates);
            } catch (IOException e) {
                throw new StartupException("attestation_service.rvps_config.swid.trusted_certs: " + e.getMessage(), e);
            }
        }
        return anchors;
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
