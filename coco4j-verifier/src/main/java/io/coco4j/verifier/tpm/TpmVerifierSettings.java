package io.coco4j.verifier.tpm;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * The {@code tpm} verifier's configuration, the reference's {@code verifier_config.tpm_verifier}.
 *
 * @param trustedAkKeysDir the directory of enrolled attestation keys ({@code *.pub}, PEM)
 * @param maxTrustedAkKeys how many key files are read at most
 */
public record TpmVerifierSettings(Path trustedAkKeysDir, int maxTrustedAkKeys) {

    /** The reference's default directory and limit. */
    public static final Path DEFAULT_TRUSTED_AK_KEYS_DIR = Path.of("/etc/tpm/trusted_ak_keys");
    public static final int DEFAULT_MAX_TRUSTED_AK_KEYS = 100;

    public TpmVerifierSettings {
        if (maxTrustedAkKeys < 1) {
            throw new IllegalArgumentException("max_trusted_ak_keys must be positive");
        }
    }

    /** {@code {"trusted_ak_keys_dir": …, "max_trusted_ak_keys": …}}, both optional. */
    public static TpmVerifierSettings fromReferenceConfig(JsonNode section) {
        JsonNode tpm = section == null ? null : (section.has("tpm_verifier") ? section.get("tpm_verifier") : section);
        Path dir = DEFAULT_TRUSTED_AK_KEYS_DIR;
        int max = DEFAULT_MAX_TRUSTED_AK_KEYS;
        if (tpm != null && tpm.isObject()) {
            JsonNode d = tpm.get("trusted_ak_keys_dir");
            if (d != null && !d.isNull()) {
                if (!d.isTextual() || d.textValue().isEmpty()) {
                    throw new IllegalArgumentException("tpm_verifier.trusted_ak_keys_dir must be a path");
                }
                dir = Path.of(d.textValue());
            }
            JsonNode m = tpm.get("max_trusted_ak_keys");
            if (m != null && !m.isNull()) {
                if (!m.canConvertToInt() || !m.isIntegralNumber()) {
                    throw new IllegalArgumentException("tpm_verifier.max_trusted_ak_keys must be an integer");
                }
                max = m.intValue();
            }
        }
        return new TpmVerifierSettings(dir, max);
    }
}
