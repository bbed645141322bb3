package io.coco4j.verifier.dcap;

import java.util.Locale;
import java.util.Optional;

/** Which TCB recovery view of PCS to use: {@code early} (announced) or {@code standard} (enforced). */
public enum TcbUpdateType {
    EARLY,
    STANDARD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TcbUpdateType> ofWireName(String name) {
        for (TcbUpdateType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
