package io.coco4j.kbs.plugin.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.plugin.PluginInitializationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One entry of the external plugin's {@code backends}: {@code {name, endpoint, tls_mode?, ca_cert_path?, timeout_ms?}}.
 *
 * @param tlsMode {@code tls} (the default: TLS, the server checked against {@code ca_cert_path} or the JDK's
 *                trust store) or {@code insecure} (plaintext, for a back-end on the same host)
 */
public record ExternalBackend(String name, String endpoint, TlsMode tlsMode, Optional<Path> caCertPath, Duration timeout) {

    /** How the KBS reaches a back-end. */
    public enum TlsMode {
        TLS, INSECURE
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static ExternalBackend parse(JsonNode entry, int index) throws PluginInitializationException {
        String where = "external plugin backends[" + index + "]";
        if (entry == null || !entry.isObject()) {
            throw new PluginInitializationException(where + " is not a table");
        }
        java.util.Iterator<String> keys = entry.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!java.util.Set.of("name", "endpoint", "tls_mode", "ca_cert_path", "timeout_ms").contains(key)) {
                throw new PluginInitializationException(where + "." + key + " is not a known setting");
            }
        }
        String name = entry.path("name").asText("");
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw new PluginInitializationException(where + ".name must be a path segment, not '" + name + "'");
        }
        String endpoint = entry.path("endpoint").asText("");
        if (endpoint.isEmpty()) {
            throw new PluginInitializationException(where + ".endpoint is required");
        }
        TlsMode mode = switch (entry.path("tls_mode").asText("tls")) {
            case "tls" -> TlsMode.TLS;
            case "insecure" -> TlsMode.INSECURE;
            default -> throw new PluginInitializationException(where + ".tls_mode must be \"tls\" or \"insecure\", not \""
                    + entry.path("tls_mode").asText() + "\"");
        };
        if (mode == TlsMode.INSECURE && endpoint.startsWith("https://")) {
            throw new PluginInitializationException(where + ": tls_mode \"insecure\" with an https endpoint");
        }
        Optional<Path> ca = Optional.empty();
        if (entry.hasNonNull("ca_cert_path")) {
            Path path = Path.of(entry.get("ca_cert_path").asText());
            if (!Files.isReadable(path)) {
                throw new PluginInitializationException(where + ".ca_cert_path " + path + " cannot be read");
            }
            ca = Optional.of(path);
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (entry.hasNonNull("timeout_ms")) {
            long millis = entry.get("timeout_ms").asLong(-1);
            if (millis <= 0) {
                throw new PluginInitializationException(where + ".timeout_ms must be a positive number of milliseconds");
            }
            timeout = Duration.ofMillis(millis);
        }
        return new ExternalBackend(name, endpoint, mode, ca, timeout);
    }
}
