package io.coco4j.kbs.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code [attestation_token]}: how the KBS decides whether to trust an attestation token.
 *
 * @param trustedCertsPaths {@code trusted_certs_paths}: PEM files whose self-signed certificates anchor
 *                          the {@code x5c} chain of a token's header {@code jwk}
 * @param trustedJwkSets    {@code trusted_jwk_sets}: JWK set sources ({@code file://}, a path, or
 *                          {@code https://}) searched by the token's {@code kid}
 * @param extraTeekeyPaths  {@code extra_teekey_paths}: JSON pointers to the TEE public key in the
 *                          claims, tried before the built-in ones
 * @param insecureHeaderJwk {@code insecure_header_jwk}: trust a header {@code jwk} without endorsement
 *                          (testing only); default false
 * @param expectedIssuers   coco4j's {@code expected_issuers}: accepted {@code iss} values; default any
 * @param expectedAudience  coco4j's {@code expected_audience}: the name a token's {@code aud}, when
 *                          present, must contain; default not checked (EAR tokens carry no {@code aud})
 */
public record AttestationTokenConfig(
        List<Path> trustedCertsPaths,
        List<String> trustedJwkSets,
        List<String> extraTeekeyPaths,
        boolean insecureHeaderJwk,
        List<String> expectedIssuers,
        Optional<String> expectedAudience) {

    public AttestationTokenConfig {
        trustedCertsPaths = List.copyOf(trustedCertsPaths);
        trustedJwkSets = List.copyOf(trustedJwkSets);
        extraTeekeyPaths = List.copyOf(extraTeekeyPaths);
        expectedIssuers = List.copyOf(expectedIssuers);
    }

    /** The reference's keys only: no issuer or audience expectations. */
    public AttestationTokenConfig(List<Path> trustedCertsPaths, List<String> trustedJwkSets, List<String> extraTeekeyPaths,
                                  boolean insecureHeaderJwk) {
        this(trustedCertsPaths, trustedJwkSets, extraTeekeyPaths, insecureHeaderJwk, List.of(), Optional.empty());
    }

    /** Everything empty and {@code insecure_header_jwk = false}, as in the reference. */
    public static AttestationTokenConfig defaults() {
        return new AttestationTokenConfig(List.of(), List.of(), List.of(), false);
    }
}
