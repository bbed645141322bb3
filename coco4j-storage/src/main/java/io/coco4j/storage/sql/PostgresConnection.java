package io.coco4j.storage.sql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a PostgreSQL database: a JDBC URL, the user, the password if the server asks for
 * one, and the size of the connection pool. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl     {@code jdbc:postgresql://host:port/database[?parameters]}
 * @param username    database user
 * @param password    the user's password
 * @param maxPoolSize upper bound of pooled connections
 */
public record PostgresConnection(String jdbcUrl, String username, Optional<String> password, int maxPoolSize) {

    public static final int DEFAULT_MAX_POOL_SIZE = 8;

    public PostgresConnection {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    /** Host, port and database as the reference's {@code [storage_backend.backends.postgres]} gives them. */
    public static PostgresConnection of(String host, int port, String database, String username, Optional<String> password) {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new PostgresConnection("jdbc:postgresql://" + hostPart + ":" + port + "/" + database, username, password,
                DEFAULT_MAX_POOL_SIZE);
    }

    /**
     * A connection URL as libpq and the reference's {@code POSTGRES_URL} take it,
     * {@code postgres[ql]://user[:password]@host[:port]/database[?parameters]}; a JDBC URL
     * ({@code jdbc:postgresql://…}) is taken as it is, with the user and password of its query
     * ({@code user=}, {@code password=}) or else {@code defaultUser}.
     */
    public static PostgresConnection fromUrl(String url, String defaultUser) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresConnection(url, queryParameter(url, "user").orElse(defaultUser),
                    queryParameter(url, "password"), DEFAULT_MAX_POOL_SIZE);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL (postgres://user:password@host:port/database)");
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a PostgreSQL URL: the scheme must be postgres:// or postgresql://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the PostgreSQL URL names no host");
        }
        String user = defaultUser;
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? user : decode(uri.getRawPath().substring(1));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String host = uri.getHost();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresConnection(jdbc, user, password, DEFAULT_MAX_POOL_SIZE);
    }

    public PostgresConnection withMaxPoolSize(int size) {
        return new PostgresConnection(jdbcUrl, username, password, size);
    }

    /** The JDBC URL without its query, which may carry a password. */
    public String describe() {
        int q = jdbcUrl.indexOf('?');
        return (q < 0 ? jdbcUrl : jdbcUrl.substring(0, q)) + " as " + username;
    }

    private static Optional<String> queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PostgresConnection[" + describe() + ", password=" + (password.isPresent() ? "<redacted>" : "<none>")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
