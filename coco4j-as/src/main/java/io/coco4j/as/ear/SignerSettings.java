package io.coco4j.as.ear;

import io.coco4j.protocol.pkcs11.Pkcs11Settings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The token signer ({@code [attestation_token_broker.signer]}): a P-256 private key in PEM or in a
 * PKCS#11 token, and optionally its certificate chain (PEM, leaf first; published as the JWK's
 * {@code x5c}) and a certificate URL (published as {@code x5u}).
 */
public record SignerSettings(SignerKeySource key, Optional<Path> certPath, Optional<String> certUrl) {

    public SignerSettings {
        Objects.requireNonNull(key, "the signer key is required");
        certPath = certPath == null ? Optional.empty() : certPath;
        certUrl = certUrl == null ? Optional.empty() : certUrl;
    }

    public static SignerSettings key(Path keyPath) {
        if (keyPath == null) {
            throw new IllegalArgumentException("signer key_path is required");
        }
        return new SignerSettings(new SignerKeySource.PemFile(keyPath), Optional.empty(), Optional.empty());
    }

    /** The key labelled {@code label} in a PKCS#11 token. */
    public static SignerSettings pkcs11(Pkcs11Settings token, String label) {
        return new SignerSettings(new SignerKeySource.Pkcs11Key(token, label), Optional.empty(), Optional.empty());
    }

    public SignerSettings withCertPath(Path path) {
        return new SignerSettings(key, Optional.of(path), certUrl);
    }

    public SignerSettings withCertUrl(String url) {
        return new SignerSettings(key, certPath, Optional.of(url));
    }
}
