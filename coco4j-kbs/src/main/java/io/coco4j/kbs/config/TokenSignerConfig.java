package io.coco4j.kbs.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code [attestation_service.attestation_token_broker.signer]}: the EAR token signing key, in a PEM
 * file or in a PKCS#11 token (exactly one of the two).
 *
 * @param keyPath  {@code key_path}: P-256 private key, PEM
 * @param pkcs11   {@code pkcs11}: a P-256 key in a PKCS#11 token (coco4j's key; the reference has none)
 * @param certPath {@code cert_path}: certificate chain (PEM, leaf first) put into the header {@code x5c}
 * @param certUrl  {@code cert_url}: URL of the chain, put into the header {@code x5u}
 */
public record TokenSignerConfig(Optional<Path> keyPath, Optional<Pkcs11KeyConfig> pkcs11, Optional<Path> certPath,
                                Optional<String> certUrl) {

    public TokenSignerConfig {
        if (keyPath.isPresent() == pkcs11.isPresent()) {
            throw new IllegalArgumentException("a signer has either key_path or pkcs11");
        }
    }

    /** A signer whose key is a PEM file. */
    public TokenSignerConfig(Path keyPath, Optional<Path> certPath, Optional<String> certUrl) {
        this(Optional.of(keyPath), Optional.empty(), certPath, certUrl);
    }
}
