package io.coco4j.kbs.http;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The services' HTTP(S) listener on Jetty: connectors, limits and TLS; requests go to a handler
 * ({@link KbsHandler} for the KBS, {@link AttestationRestHandler} for the AS, {@link ReferenceValueHandler} for the RVPS).
 * Closing is graceful: the connectors stop accepting, requests in flight run to completion for up
 * to {@link #DRAIN_TIMEOUT}, and requests arriving meanwhile on open connections get 503.
 */
public final class KbsHttpServer implements AutoCloseable {

    /** How long a stop waits for requests in flight. */
    public static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final Server server;
    private final List<ServerConnector> connectors = new ArrayList<>();
    private final boolean https;

    public KbsHttpServer(Handler handler, HttpSettings settings) {
        this(handler, settings, () -> { });
    }

    /**
     * @param handler          the KBS handler, possibly wrapped (request tracking, rate limits)
     * @param onHeaderTooLarge told of every request refused at the parser for its header size
     */
    public KbsHttpServer(Handler handler, HttpSettings settings, Runnable onHeaderTooLarge) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("kbs-http");
        server = new Server(threads);
        server.setErrorHandler(new ErrorBodies(onHeaderTooLarge));
        https = settings.https();

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.requestHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Let ambiguous paths (encoded separators, dot segments) reach the KBS, which reads the body
        // and refuses them with its own error body: answering them at the parser would drop the
        // connection under a client still sending. The KBS never maps a path to a file by itself.
        http.setUriCompliance(UriCompliance.DEFAULT.with("coco4j",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));

        for (InetSocketAddress socket : settings.sockets()) {
            ServerConnector connector;
            if (settings.tls().isPresent()) {
                SslContextFactory.Server tls = new SslContextFactory.Server();
                char[] password = randomPassword();
                try {
                    tls.setKeyStore(settings.tls().get().keyStore(password));
                } catch (Exception e) {
                    throw new IllegalArgumentException("unusable TLS key or certificate: " + e.getMessage(), e);
                }
                tls.setKeyStorePassword(new String(password));
                tls.setIncludeProtocols(settings.tlsProtocols().toArray(new String[0]));
                tls.setSniRequired(false);
                HttpConfiguration secure = new HttpConfiguration(http);
                SecureRequestCustomizer customizer = new SecureRequestCustomizer(false);
                secure.addCustomizer(customizer);
                connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(secure));
            } else {
                connector = new ServerConnector(server, new HttpConnectionFactory(http));
            }
            connector.setHost(socket.getHostString());
            connector.setPort(socket.getPort());
            server.addConnector(connector);
            connectors.add(connector);
        }
        org.eclipse.jetty.server.handler.GracefulHandler graceful = new org.eclipse.jetty.server.handler.GracefulHandler();
        graceful.setHandler(handler);
        server.setHandler(graceful);
        server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
        server.setStopAtShutdown(false); // the owner stops it, after which the stores close
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    public void start() throws Exception {
        server.start();
    }

    /** The base URLs the server listens on (with the real port when 0 was asked for). */
    public List<URI> baseUrls() {
        List<URI> urls = new ArrayList<>();
        for (ServerConnector connector : connectors) {
            String host = connector.getHost() == null || connector.getHost().isEmpty() ? "0.0.0.0" : connector.getHost();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            urls.add(URI.create((https ? "https" : "http") + "://" + host + ":" + connector.getLocalPort()));
        }
        return urls;
    }

    public int port() {
        return connectors.get(0).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
