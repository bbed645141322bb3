package io.coco4j.kbs.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code [attestation_service.rvps_config]}: where the built-in AS finds reference values. */
public sealed interface RvpsConfig {

    String DEFAULT_REMOTE_ADDRESS = "127.0.0.1:50003";

    /** The default: an RVPS inside the AS, storing into {@code <data-dir>/rvps.sqlite}. */
    static RvpsConfig defaults() {
        return new BuiltIn(Optional.empty(), Optional.empty());
    }

    /**
     * {@code type = "BuiltIn"}.
     *
     * @param storageType        {@code storage_type}: the reference's key-value override, recognised and not used
     *                           (reference values live in the {@code store} below)
     * @param extractors         {@code extractors}: the reference's extractor settings, recognised and not used
     * @param store              {@code store} with {@code [sqlite]} / {@code [postgres]}: where reference values live
     * @param trustedLayoutKeys  {@code trusted_layout_keys}: public keys (PEM or securesystemslib JSON) whose
     *                           signatures make an in-toto layout trusted; without any, in-toto registrations are refused
     * @param layoutKeyThreshold {@code layout_key_threshold}: how many of them must have signed a layout; default 1
     * @param enableSample       {@code enable_sample}: accept the unverified {@code sample} type (always on with {@code --dev})
     * @param corim              {@code [corim]}: CoRIM verification settings
     * @param swid               {@code [swid]}: SWID/CoSWID RIM verification settings
     * @param grpc               {@code [grpc]}: a listener serving the reference's {@code reference.ReferenceValueProviderService}
     *                           (default address {@code 127.0.0.1:50003}), for split deployments
     */
    record BuiltIn(Optional<StorageType> storageType, Optional<JsonNode> extractors, Store store, List<Path> trustedLayoutKeys,
                   int layoutKeyThreshold, boolean enableSample, Corim corim, Swid swid, Optional<GrpcListenerConfig> grpc)
            implements RvpsConfig {

        public BuiltIn {
            trustedLayoutKeys = List.copyOf(trustedLayoutKeys);
        }

        /** The defaults, with the reference's two keys. */
        public BuiltIn(Optional<StorageType> storageType, Optional<JsonNode> extractors) {
            this(storageType, extractors, new Store.Sqlite(Optional.empty()), List.of(), 1, false, Corim.defaults(), Swid.defaults(),
                    Optional.empty());
        }
    }

    /**
     * {@code type = "GrpcRemote"}.
     *
     * @param address    {@code address} of the remote RVPS: {@code host:port} or {@code http://host:port} (plaintext),
     *                   {@code https://host:port} (TLS); default {@code 127.0.0.1:50003}
     * @param caCert     {@code ca_cert}: CA certificates (PEM) of the RVPS's TLS certificate; default the JDK's trust store
     * @param clientKey  {@code client_key}: key (PEM) for mutual TLS, which a remote RVPS may demand for registrations
     * @param clientCert {@code client_cert}: certificate chain (PEM) for mutual TLS
     */
    record GrpcRemote(String address, Optional<Path> caCert, Optional<Path> clientKey, Optional<Path> clientCert) implements RvpsConfig {
        public GrpcRemote(String address) {
            this(address, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** {@code store}: the reference-value store. */
    sealed interface Store {
        /** {@code store = "sqlite"} (default) with {@code [sqlite] path}; default {@code <data-dir>/rvps.sqlite}. */
        record Sqlite(Optional<Path> path) implements Store {
        }

        /** {@code store = "postgres"} with {@code [postgres] url, username, password, max_pool_size}. */
        record Postgres(String url, String username, Optional<String> password, int maxPoolSize) implements Store {
            @Override
            public String toString() {
                return "Postgres[url=" + url + ", username=" + username + ", password="
                        + (password.isPresent() ? "<redacted>" : "<none>") + ", maxPoolSize=" + maxPoolSize + "]";
            }
        }

        /** {@code store = "memory"}: lost on restart, for tests and demos. */
        record Memory() implements Store {
        }
    }

    /**
     * {@code [corim]}.
     *
     * @param signingKeys   {@code signing_keys}: PEM public keys (or certificates) that may sign COSE-signed CoRIMs
     * @param allowUnsigned {@code allow_unsigned}: accept unsigned CoRIMs (no provenance; off by default)
     */
    record Corim(List<Path> signingKeys, boolean allowUnsigned) {
        public Corim {
            signingKeys = List.copyOf(signingKeys);
        }

        public static Corim defaults() {
            return new Corim(List.of(), false);
        }
    }

    /**
     * {@code [swid]}.
     *
     * @param trustedCertificates {@code trusted_certs}: PEM CA certificates a RIM's signing certificate must chain to
     */
    record Swid(List<Path> trustedCertificates) {
        public Swid {
            trustedCertificates = List.copyOf(trustedCertificates);
        }

        public static Swid defaults() {
            return new Swid(List.of());
        }
    }
}
