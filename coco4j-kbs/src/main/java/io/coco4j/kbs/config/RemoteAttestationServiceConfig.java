package io.coco4j.kbs.config;

import java.util.List;
import java.util.Optional;

/** Settings of an attestation service that runs outside the KBS. */
public sealed interface RemoteAttestationServiceConfig {

    /**
     * {@code type = "coco_as_grpc"}.
     *
     * @param asAddr   {@code as_addr}; default {@code http://127.0.0.1:50004}
     * @param poolSize {@code pool_size}: the reference's client pool size; default 100. Accepted and not
     *                 needed: one HTTP/2 channel carries every call concurrently
     */
    record Grpc(String asAddr, int poolSize) implements RemoteAttestationServiceConfig {
        public static final String DEFAULT_AS_ADDR = "http://127.0.0.1:50004";
        public static final int DEFAULT_POOL_SIZE = 100;
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
