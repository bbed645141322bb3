package io.coco4j.kbs.jwks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads key material from the locations the KBS configuration accepts: {@code https://} URLs,
 * {@code file://} URIs and plain file paths. Plain {@code http://} is refused, because keys fetched
 * over it could be replaced in flight.
 */
public final class KeySourceReader {

    /** Key documents are small; anything larger is refused rather than buffered. */
    static final int MAX_DOCUMENT_BYTES = 1 << 20;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    /** Fetches {@code https://} sources with the given client (whose TLS settings decide which servers are trusted). */
    public KeySourceReader(HttpClient http) {
        this.http = http;
    }

    /** A reader whose HTTPS client trusts the JDK's default certificate authorities. */
    public static KeySourceReader withDefaultHttpClient() {
        return new KeySourceReader(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    /** The bytes at {@code location}. */
    public byte[] read(String location) throws KeySourceException {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            return fetch(location);
        }
        if (lower.startsWith("http://")) {
            throw new KeySourceException("refusing to fetch keys over plain http: " + location
                    + " (use https://, file:// or a file path)");
        }
        Path path;
        try {
            path = lower.startsWith("file:") ? Path.of(new URI(location)) : Path.of(location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new KeySourceException("not a file URI or path: " + location, e);
        }
        try {
            if (Files.size(path) > MAX_DOCUMENT_BYTES) {
                throw new KeySourceException("key file " + path + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new KeySourceException("cannot read key file " + path + ": " + e.getMessage(), e);
        }
    }

    /** True for the locations that get the OpenID discovery fallback. */
    static boolean isHttps(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    private byte[] fetch(String url) throws KeySourceException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(new URI(url)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json, application/jwk-set+json, application/x-pem-file, */*")
                    .GET().build();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new KeySourceException("not a valid URL: " + url, e);
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new KeySourceException("GET " + url + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
                if (bytes.length > MAX_DOCUMENT_BYTES) {
                    throw new KeySourceException("GET " + url + " returned more than " + MAX_DOCUMENT_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new KeySourceException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("interrupted while fetching " + url, e);
        }
    }
}
