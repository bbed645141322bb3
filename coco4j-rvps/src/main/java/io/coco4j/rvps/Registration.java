package io.coco4j.rvps;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one registered message.
 *
 * @param provider   the message {@code type}
 * @param names      the names registered (all of the message's values)
 * @param expiration when they stop being valid
 * @param warnings   what the provider noticed but accepted, e.g. an in-toto command that differs from the expected one
 */
public record Registration(String provider, List<String> names, Instant expiration, List<String> warnings) {

    public Registration {
        names = List.copyOf(names);
        warnings = List.copyOf(warnings);
    }
}
