package io.coco4j.kbs.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS server on a loopback port with a throw-away certificate, serving fixed documents, and an
 * HTTP client that trusts exactly that certificate.
 */
public final class LocalHttpsServer implements AutoCloseable {

    private record Reply(int status, byte[] body) {
    }

    private final HttpsServer server;
    private final SSLContext clientContext;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public LocalHttpsServer() throws IOException, GeneralSecurityException {
        KeyPair keys = TestPki.p256();
        Instant now = Instant.now();
        X509Certificate certificate = TestPki.issue("localhost", keys.getPublic(), "localhost", keys.getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), false, List.of("127.0.0.1", "localhost"));
        char[] password = "test".toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", keys.getPrivate(), password, new Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Reply reply = replies.getOrDefault(exchange.getRequestURI().getPath(),
                    new Reply(404, "not found".getBytes(StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        });
        server.start();
    }

    public LocalHttpsServer serve(String path, int status, String body) {
        replies.put(path, new Reply(status, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A client that trusts this server's certificate and nothing else. */
    public HttpClient client() {
        return HttpClient.newBuilder().sslContext(clientContext).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
