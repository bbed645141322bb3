package io.coco4j.as.ear;

import java.util.Optional;

/**
 * {@code [attestation_service.attestation_token_broker]}, with the reference's defaults: tokens valid
 * five minutes, issuer {@code CoCo-Attestation-Service}, the Trustee EAR profile, verbose tokens, and
 * an ephemeral signing key when no signer is configured.
 */
public record EarTokenBrokerSettings(int durationMin, String issuerName, String developerName, String buildName,
                                     String profileName, boolean verboseToken, Optional<SignerSettings> signer) {

    public static final int DEFAULT_DURATION_MIN = 5;
    public static final String DEFAULT_ISSUER_NAME = "CoCo-Attestation-Service";
    public static final String DEFAULT_DEVELOPER_NAME = "https://confidentialcontainers.org";
    /** {@code <name> <version>} of the verifier software, as the reference builds it from its package. */
    public static final String DEFAULT_BUILD_NAME = "coco4j-as 0.1.0";
    public static final String DEFAULT_PROFILE_NAME = "tag:github.com,2024:confidential-containers/Trustee";
    public static final boolean DEFAULT_VERBOSE_TOKEN = true;

    public EarTokenBrokerSettings {
        if (durationMin <= 0) {
            throw new IllegalArgumentException("duration_min must be positive, got " + durationMin);
        }
        requireText(issuerName, "issuer_name");
        requireText(developerName, "developer_name");
        requireText(buildName, "build_name");
        requireText(profileName, "profile_name");
        signer = signer == null ? Optional.empty() : signer;
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
    }

    public static EarTokenBrokerSettings defaults() {
        return new EarTokenBrokerSettings(DEFAULT_DURATION_MIN, DEFAULT_ISSUER_NAME, DEFAULT_DEVELOPER_NAME, DEFAULT_BUILD_NAME,
                DEFAULT_PROFILE_NAME, DEFAULT_VERBOSE_TOKEN, Optional.empty());
    }

    public EarTokenBrokerSettings withDurationMin(int minutes) {
        return new EarTokenBrokerSettings(minutes, issuerName, developerName, buildName, profileName, verboseToken, signer);
    }

    public EarTokenBrokerSettings withVerboseToken(boolean verbose) {
        return new EarTokenBrokerSettings(durationMin, issuerName, developerName, buildName, profileName, verbose, signer);
    }

    public EarTokenBrokerSettings withSigner(SignerSettings signerSettings) {
        return new EarTokenBrokerSettings(durationMin, issuerName, developerName, buildName, profileName, verboseToken,
                Optional.of(signerSettings));
    }
}
