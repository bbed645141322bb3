package io.coco4j.kbs.server;

import io.coco4j.kbs.config.HttpServerConfig;
import io.coco4j.kbs.http.HttpSettings;
import io.coco4j.kbs.http.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The HTTP(S) listener settings of the services, from their {@code [http_server]} table and the mode. */
final class HttpListeners {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListeners.class);

    private HttpListeners() {
    }

    static HttpSettings settings(HttpServerConfig http, Optional<TlsMaterial> tls) throws StartupException {
        return new HttpSettings(http.sockets(), tls, http.payloadRequestSizeBytes(), tlsProtocols(http));
    }

    /** {@code --dev} serves plain text, so only on loopback. */
    static void requireLoopback(List<InetSocketAddress> sockets, String key) throws StartupException {
        for (InetSocketAddress socket : sockets) {
            if (socket.getAddress() == null || !socket.getAddress().isLoopbackAddress()) {
                throw new StartupException("--dev listens on loopback only, but " + key + " has " + socket
                        + ": use 127.0.0.1 or drop --dev");
            }
        }
    }

    /**
     * The TLS material of a listener: none in development mode (plain HTTP on loopback), the
     * configured key and certificate, none when {@code insecure_http}, else the data directory's.
     */
    static Optional<TlsMaterial> tls(HttpServerConfig http, ServerMode mode, DataDirectory data)
            throws StartupException, IOException, GeneralSecurityException {
        if (http.privateKey().isPresent() != http.certificate().isPresent()) {
            throw new StartupException("http_server needs both private_key and certificate, or neither");
        }
        if (mode == ServerMode.DEVELOPMENT) {
            if (http.privateKey().isPresent()) {
                LOG.warn("--dev serves plain HTTP: http_server.private_key and certificate are ignored");
            }
            return Optional.empty();
        }
        if (http.privateKey().isPresent()) {
            return Optional.of(TlsMaterial.fromPem(http.privateKey().get(), http.certificate().get()));
        }
        if (http.insecureHttp()) {
            return Optional.empty();
        }
        return Optional.of(data.tls());
    }

    static List<String> tlsProtocols(HttpServerConfig http) throws StartupException {
        String min = http.tlsMinVersion().orElse(http.tlsProfile().equals("modern") ? "1.3" : "1.2");
        String max = http.tlsMaxVersion().orElse("1.3");
        List<String> protocols = new ArrayList<>();
        if (min.equals("1.2") && (max.equals("1.2") || max.equals("1.3"))) {
            protocols.add("TLSv1.2");
        }
        if (max.equals("1.3")) {
            protocols.add("TLSv1.3");
        }
        if (protocols.isEmpty()) {
            throw new StartupException("no TLS version between tls_min_version " + min + " and tls_max_version " + max);
        }
        return protocols;
    }
}
