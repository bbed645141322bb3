package io.coco4j.kbs.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Settings of an attestation service that runs outside the KBS. */
public sealed interface RemoteAttestationServiceConfig {

    /**
     * {@code type = "coco_as_grpc"}.
     *
     * @param asAddr     {@code as_addr}: {@code http://host:port} (plaintext) or {@code https://host:port} (TLS);
     *                   default {@code http://127.0.0.1:50004}
     * @param poolSize   {@code pool_size}: the reference's client pool size; default 100. Accepted and not
     *                   needed: one HTTP/2 channel carries every call concurrently
     * @param caCert     {@code ca_cert} (coco4j's): CA certificates (PEM) of the AS's TLS certificate; default the JDK's trust store
     * @param clientKey  {@code client_key} (coco4j's): key (PEM) for mutual TLS, which a coco4j AS wants before it takes
     *                   policies and reference values from another machine
     * @param clientCert {@code client_cert} (coco4j's): certificate chain (PEM) for mutual TLS
     */
    record Grpc(String asAddr, int poolSize, Optional<Path> caCert, Optional<Path> clientKey, Optional<Path> clientCert)
            implements RemoteAttestationServiceConfig {
        public static final String DEFAULT_AS_ADDR = "http://127.0.0.1:50004";
        public static final int DEFAULT_POOL_SIZE = 100;

        /** Plaintext, or TLS with the JDK's trust store. */
        public Grpc(String asAddr, int poolSize) {
            this(asAddr, poolSize, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * {@code type = "intel_ta"}.
     *
     * @param baseUrl              {@code base_url}
     * @param apiKey               {@code api_key} (a secret: never printed)
     * @param certsFile            {@code certs_file}
     * @param policyIds            {@code policy_ids}
     * @param allowUnmatchedPolicy {@code allow_unmatched_policy}
     */
    record IntelTrustAuthority(String baseUrl, String apiKey, String certsFile, List<String> policyIds,
                               Optional<Boolean> allowUnmatchedPolicy) implements RemoteAttestationServiceConfig {
        public IntelTrustAuthority {
            policyIds = List.copyOf(policyIds);
        }

        @Override
        public String toString() {
            return "IntelTrustAuthority[baseUrl=" + baseUrl + ", apiKey=<redacted>, certsFile=" + certsFile
                    + ", policyIds=" + policyIds + ", allowUnmatchedPolicy=" + allowUnmatchedPolicy + "]";
        }
    }
}
