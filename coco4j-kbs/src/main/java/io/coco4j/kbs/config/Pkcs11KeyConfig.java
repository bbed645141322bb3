package io.coco4j.kbs.config;

import io.coco4j.protocol.pkcs11.Pkcs11Settings;

import java.util.Objects;

/**
 * A key in a PKCS#11 token, as the {@code pkcs11} tables of the signer and of storage encryption
 * give it: {@code library}, {@code slot} or {@code slot_list_index}, {@code pin} or {@code pin_file},
 * and {@code key_label}.
 */
public record Pkcs11KeyConfig(Pkcs11Settings token, String keyLabel) {

    public Pkcs11KeyConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keyLabel, "keyLabel");
    }
}
