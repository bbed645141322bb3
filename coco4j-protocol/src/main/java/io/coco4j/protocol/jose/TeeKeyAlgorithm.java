package io.coco4j.protocol.jose;

import java.util.Arrays;
import java.util.Optional;

/** The guest's TEE key choices ({@code tee_key_algorithm} of the reference client config). */
public enum TeeKeyAlgorithm {
    EC_P256("ECDH-ES+A256KW-P256"),
    EC_P521("ECDH-ES+A256KW-P521"),
    RSA_OAEP_256("RSA-OAEP-256");

    private final String configName;

    TeeKeyAlgorithm(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<TeeKeyAlgorithm> fromConfigName(String name) {
        return Arrays.stream(values()).filter(a -> a.configName.equalsIgnoreCase(name)).findFirst();
    }
}
