package io.coco4j.as.ear;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The token signer ({@code [attestation_token_broker.signer]}): a P-256 private key in PEM, and
 * optionally its certificate chain (PEM, leaf first; published as the JWK's {@code x5c}) and a
 * certificate URL (published as {@code x5u}).
 */
public record SignerSettings(Path keyPath, Optional<Path> certPath, Optional<String> certUrl) {

    public SignerSettings {
        if (keyPath == null) {
            throw new IllegalArgumentException("signer key_path is required");
        }
        certPath = certPath == null ? Optional.empty() : certPath;
        certUrl = certUrl == null ? Optional.empty() : certUrl;
    }

    public static SignerSettings key(Path keyPath) {
        return new SignerSettings(keyPath, Optional.empty(), Optional.empty());
    }

    public SignerSettings withCertPath(Path path) {
        return new SignerSettings(keyPath, Optional.of(path), certUrl);
    }

    public SignerSettings withCertUrl(String url) {
        return new SignerSettings(keyPath, certPath, Optional.of(url));
    }
}
