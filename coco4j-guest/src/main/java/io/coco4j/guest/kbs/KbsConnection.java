package io.coco4j.guest.kbs;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a guest reaches its KBS: the base URL (plain {@code http} is allowed, as in the reference),
 * optionally the only certificates trusted for its TLS (pinning: the server's chain must lead to one
 * of them, and the host name must match as usual), and the timeouts. Immutable.
 */
public final class KbsConnection {

    /** The reference client's per-request timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final List<X509Certificate> trustedCertificates;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private KbsConnection(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.trustedCertificates = List.copyOf(builder.trustedCertificates);
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
    }

    /** A connection with default trust and timeouts. */
    public static KbsConnection to(String url) {
        return builder().url(url).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL without trailing slashes, e.g. {@code https://kbs.example:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The pinned trust anchors; empty means the JVM's default trust store. */
    public List<X509Certificate> trustedCertificates() {
        return trustedCertificates;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The URL of an endpoint below {@code /kbs/v0/}, e.g. {@code auth}. */
    URI api(String path) {
        return URI.create(baseUrl + "/kbs/v0/" + path);
    }

    @Override
    public String toString() {
        return "KbsConnection[" + baseUrl + (trustedCertificates.isEmpty() ? "" : ", " + trustedCertificates.size() + " pinned certificate(s)") + "]";
    }

    public static final class Builder {

        private String baseUrl;
        private final List<X509Certificate> trustedCertificates = new ArrayList<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {
        }

        /** The KBS base URL: {@code http(s)://host[:port][/prefix]}, no query or fragment. */
        public Builder url(String url) {
            this.baseUrl = normalise(url);
            return this;
        }

        /** Trusts only these certificates (CA or the server's own) for HTTPS, instead of the JVM's store. */
        public Builder trustedCertificates(List<X509Certificate> certificates) {
            trustedCertificates.clear();
            trustedCertificates.addAll(certificates);
            return this;
        }

        /** As {@link #trustedCertificates(List)}, from PEM text holding one or more certificates. */
        public Builder trustedCertificatesPem(String pem) {
            return trustedCertificates(parsePem(pem));
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        public KbsConnection build() {
            if (baseUrl == null) {
                throw new IllegalStateException("the KBS URL is not set");
            }
            return new KbsConnection(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive");
            }
            return value;
        }
    }

    static String normalise(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed KBS URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the KBS URL must start with http:// or https://, got '" + url + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the KBS URL has no host: '" + url + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the KBS URL must not carry user info, a query or a fragment: '" + url + "'");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    static List<X509Certificate> parsePem(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate found in the PEM text");
        }
        return certificates;
    }
}
