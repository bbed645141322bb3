package io.coco4j.as.ear;

import io.coco4j.protocol.pkcs11.Pkcs11Settings;

import java.nio.file.Path;
import java.util.Objects;

/** Where the token-signing key is: a PEM file, or a PKCS#11 token that signs without ever giving the key out. */
public sealed interface SignerKeySource permits SignerKeySource.PemFile, SignerKeySource.Pkcs11Key {

    /** For logs and messages; never a PIN. */
    String describe();

    /** An unencrypted P-256 private key in PEM (PKCS#8 or SEC 1). */
    record PemFile(Path path) implements SignerKeySource {
        public PemFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /**
     * A P-256 key pair with this label in a PKCS#11 token; generated there, with a self-signed
     * certificate, when the token has no key of that label.
     */
    record Pkcs11Key(Pkcs11Settings token, String label) implements SignerKeySource {
        public Pkcs11Key {
            Objects.requireNonNull(token, "token");
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a PKCS#11 signer needs a key_label");
            }
        }

        @Override
        public String describe() {
            return "key '" + label + "' in the PKCS#11 token at " + token.describeToken();
        }
    }
}
