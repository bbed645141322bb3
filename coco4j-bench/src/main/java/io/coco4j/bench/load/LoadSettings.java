package io.coco4j.bench.load;

import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.resource.ResourceUri;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A load run: {@code clients} simulated guests in parallel, each starting a new guest as soon as its
 * last one finished (or, with {@code rate}, all of them together starting at most {@code rate} guests
 * per second), for {@code warmup} unmeasured and then {@code duration} measured.
 *
 * @param url            the KBS base URL
 * @param heapSamples    when, after the measurement starts, the server's heap is measured after a GC
 * @param requestTimeout how long a guest waits for one answer before counting a timeout
 */
public record LoadSettings(String url, int clients, Duration duration, Duration warmup, OptionalDouble rate, ResourceUri resource,
                           TeeKeyAlgorithm keyAlgorithm, List<Duration> heapSamples, Duration requestTimeout) {

    public static final ResourceUri DEFAULT_RESOURCE = ResourceUri.parse("kbs:///default/bench/key");

    public LoadSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(rate, "rate");
        heapSamples = heapSamples.stream().sorted().toList();
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client is needed");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the duration must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("the warm-up must not be negative");
        }
        if (rate.isPresent() && !(rate.getAsDouble() > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        if (heapSamples.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("heap sample times must not be negative");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive");
        }
    }

    /** Defaults for the rest: no rate limit, EC P-256 TEE keys, no heap samples, 30 s request timeout. */
    public static LoadSettings of(String url, int clients, Duration duration, Duration warmup) {
        return new LoadSettings(url, clients, duration, warmup, OptionalDouble.empty(), DEFAULT_RESOURCE, TeeKeyAlgorithm.EC_P256,
                List.of(), Duration.ofSeconds(30));
    }

    public LoadSettings withRate(double handshakesPerSecond) {
        return new LoadSettings(url, clients, duration, warmup, OptionalDouble.of(handshakesPerSecond), resource, keyAlgorithm,
                heapSamples, requestTimeout);
    }

    public LoadSettings withResource(ResourceUri other) {
        return new LoadSettings(url, clients, duration, warmup, rate, other, keyAlgorithm, heapSamples, requestTimeout);
    }

    public LoadSettings withKeyAlgorithm(TeeKeyAlgorithm algorithm) {
        return new LoadSettings(url, clients, duration, warmup, rate, resource, algorithm, heapSamples, requestTimeout);
    }

    public LoadSettings withHeapSamples(List<Duration> samples) {
        return new LoadSettings(url, clients, duration, warmup, rate, resource, keyAlgorithm, samples, requestTimeout);
    }

    public LoadSettings withUrl(String other) {
        return new LoadSettings(other, clients, duration, warmup, rate, resource, keyAlgorithm, heapSamples, requestTimeout);
    }
}
