package io.coco4j.image.keywrap;

import java.util.Map;
import java.util.Optional;

/** The {@code org.opencontainers.image.enc.*} layer annotations ocicrypt defines. */
public final class EncryptionAnnotations {

    public static final String PREFIX = "org.opencontainers.image.enc.";
    public static final String KEYS_PREFIX = PREFIX + "keys.";
    public static final String PUBOPTS = PREFIX + "pubopts";
    public static final String JWE = KEYS_PREFIX + "jwe";
    /** The CoCo provider name every CoCo guest configures. */
    public static final String ATTESTATION_AGENT_PROVIDER = "attestation-agent";

    private EncryptionAnnotations() {
    }

    /** The annotation of key provider {@code name}: {@code org.opencontainers.image.enc.keys.provider.<name>}. */
    public static String provider(String name) {
        return KEYS_PREFIX + "provider." + name;
    }

    public static boolean isEncryptionAnnotation(String key) {
        return key.startsWith(PREFIX);
    }

    /** The scheme of a keys annotation ({@code jwe}, {@code provider.attestation-agent}, …). */
    public static Optional<String> scheme(String key) {
        return key.startsWith(KEYS_PREFIX) ? Optional.of(key.substring(KEYS_PREFIX.length())) : Optional.empty();
    }

    /** Whether the annotations carry any wrapped key. */
    public static boolean hasWrappedKeys(Map<String, String> annotations) {
        return annotations.keySet().stream().anyMatch(k -> k.startsWith(KEYS_PREFIX));
    }
}
