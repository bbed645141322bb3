package io.coco4j.bench.load;

import java.util.Locale;

/**
 * What a simulated guest times: the four requests of its run and the whole run. {@link #HANDSHAKE}
 * also holds the guest's own work between requests (its key pair, its evidence, decryption).
 */
public enum Step {
    AUTH, ATTEST, RESOURCE1, RESOURCE2, HANDSHAKE;

    /** The name in reports and error types: {@code auth}, {@code attest}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
