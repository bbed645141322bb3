package io.coco4j.guest.rest;

import java.util.Locale;

/** Which endpoints the REST facade serves, as the reference's {@code --features}. */
public enum RestFeatures {
    /** {@code /cdh/resource/…} only (the default). */
    RESOURCE,
    /** {@code /aa/…} only. */
    ATTESTATION,
    ALL;

    public boolean resource() {
        return this != ATTESTATION;
    }

    public boolean attestation() {
        return this != RESOURCE;
    }

    public static RestFeatures parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown feature set '" + name + "' (expected resource, attestation or all)");
        }
    }
}
