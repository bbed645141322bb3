package io.coco4j.kbs.config;

import java.util.Optional;

/**
 * {@code [attestation_service.attestation_token_broker]}: how the built-in AS issues EAR tokens.
 *
 * @param durationMinutes {@code duration_min}: token lifetime; default 5
 * @param issuerName      {@code issuer_name}: the {@code iss} claim; default {@code CoCo-Attestation-Service}
 * @param developerName   {@code developer_name}: {@code ear.verifier-id.developer}
 * @param buildName       {@code build_name}: {@code ear.verifier-id.build}; when empty the AS names its own build
 * @param profileName     {@code profile_name}: {@code eat_profile}
 * @param verboseToken    {@code verbose_token}: keep {@code additional-evidence} in the runtime data claims; default true
 * @param signer          {@code signer}: the signing key; when empty the AS generates an ephemeral P-256 key
 */
public record TokenBrokerConfig(
        long durationMinutes,
        String issuerName,
        String developerName,
        Optional<String> buildName,
        String profileName,
        boolean verboseToken,
        Optional<TokenSignerConfig> signer) {

    public static final long DEFAULT_DURATION_MINUTES = 5;
    public static final String DEFAULT_ISSUER_NAME = "CoCo-Attestation-Service";
    public static final String DEFAULT_DEVELOPER_NAME = "https://confidentialcontainers.org";
    public static final String DEFAULT_PROFILE_NAME = "tag:github.com,2024:confidential-containers/Trustee";

    public static TokenBrokerConfig defaults() {
        return new TokenBrokerConfig(DEFAULT_DURATION_MINUTES, DEFAULT_ISSUER_NAME, DEFAULT_DEVELOPER_NAME,
                Optional.empty(), DEFAULT_PROFILE_NAME, true, Optional.empty());
    }
}
