package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * AMD's key distribution service (KDS): VCEKs, certificate chains and CRLs. The service
 * rate-limits with HTTP 429; requests are retried with exponential backoff (honouring
 * {@code Retry-After} up to a bound) a fixed number of times.
 */
public final class KdsClient implements SnpCollateralSource {

    public static final URI AMD_KDS = URI.create("https://kdsintf.amd.com");
    private static final int MAX_BODY = 1 << 20;

    private final URI base;
    private final HttpClient http;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Sleeper sleeper;

    /** Waits between attempts; replaceable so tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public KdsClient(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build(),
                6, Duration.ofSeconds(2), d -> Thread.sleep(d.toMillis()));
    }

    public KdsClient(URI base, HttpClient http, int maxAttempts, Duration initialBackoff, Sleeper sleeper) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = http;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.sleeper = sleeper;
    }

    /** The KDS query of a VCEK: 2-digit decimal SPLs from the reported TCB, fmcSPL first on Turin. */
    public URI vcekUri(SnpProduct product, byte[] chipId, TcbVersion tcb) {
        StringBuilder query = new StringBuilder();
        if (tcb.fmc().isPresent()) {
            query.append(String.format("fmcSPL=%02d&", tcb.fmc().getAsInt()));
        }
        query.append(String.format("blSPL=%02d&teeSPL=%02d&snpSPL=%02d&ucodeSPL=%02d", tcb.bootloader(), tcb.tee(), tcb.snp(), tcb.microcode()));
        return URI.create(base + "/vcek/v1/" + product.kdsName() + "/" + CollateralDirectory.hwid(product, chipId) + "?" + query);
    }

    public URI certChainUri(SnpProduct product, VekType type) {
        return URI.create(base + "/" + type.kdsSegment() + "/v1/" + product.kdsName() + "/cert_chain");
    }

    public URI crlUri(SnpProduct product, VekType type) {
        return URI.create(base + "/" + type.kdsSegment() + "/v1/" + product.kdsName() + "/crl");
    }

    @Override
    public Optional<byte[]> vcek(SnpProduct product, byte[] chipId, TcbVersion tcb) throws IOException {
        return get(vcekUri(product, chipId, tcb));
    }

    @Override
    public Optional<byte[]> certChain(SnpProduct product, VekType type) throws IOException {
        return get(certChainUri(product, type));
    }

    @Override
    public Optional<byte[]> crl(SnpProduct product, VekType type) throws IOException {
        return get(crlUri(product, type));
    }

    /** GET with backoff on 429 and 503; empty on 404; an error for anything else. */
    Optional<byte[]> get(URI uri) throws IOException {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                if (response.body().length > MAX_BODY) {
                    throw new IOException("response from " + uri + " is too large");
                }
                return Optional.of(response.body());
            }
            if (status == 404) {
                return Optional.empty();
            }
            if ((status == 429 || status == 503) && attempt < maxAttempts) {
                Duration wait = retryAfter(response).filter(d -> d.compareTo(Duration.ofMinutes(2)) <= 0).orElse(backoff);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting to retry " + uri, e);
                }
                backoff = backoff.multipliedBy(2);
                continue;
            }
            throw new IOException("GET " + uri + " answered HTTP " + status + (status == 429 ? " (rate limited, gave up after " + attempt + " attempts)" : ""));
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public String describe() {
        return "key server " + base;
    }
}
