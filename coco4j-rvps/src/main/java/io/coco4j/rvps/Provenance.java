package io.coco4j.rvps;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Where a reference value came from: the provider that verified the registration message, the
 * SHA-256 of the message's payload, the ids of the keys whose signatures vouched for it, and when it
 * was registered.
 *
 * @param provider      the message {@code type}, e.g. {@code in-toto}
 * @param sourceDigest  {@code sha256:<hex>} of the payload the value was extracted from
 * @param signerKeyIds  ids of the keys that signed the source (empty for unsigned sources such as {@code sample})
 * @param registeredAt  registration time, to the second
 */
public record Provenance(String provider, String sourceDigest, List<String> signerKeyIds, Instant registeredAt) {

    public Provenance {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(sourceDigest, "sourceDigest");
        signerKeyIds = List.copyOf(signerKeyIds);
        registeredAt = registeredAt.truncatedTo(ChronoUnit.SECONDS);
    }
}
