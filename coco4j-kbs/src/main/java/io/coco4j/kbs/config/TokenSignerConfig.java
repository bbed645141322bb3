package io.coco4j.kbs.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code [attestation_service.attestation_token_broker.signer]}: the EAR token signing key.
 *
 * @param keyPath  {@code key_path}: P-256 private key, PEM
 * @param certPath {@code cert_path}: certificate chain (PEM, leaf first) put into the header {@code x5c}
 * @param certUrl  {@code cert_url}: URL of the chain, put into the header {@code x5u}
 */
public record TokenSignerConfig(Path keyPath, Optional<Path> certPath, Optional<String> certUrl) {
}
