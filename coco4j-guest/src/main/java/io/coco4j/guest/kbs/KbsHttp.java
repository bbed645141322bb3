package io.coco4j.guest.kbs;

import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP exchanges of a KBS client on the JDK's {@link HttpClient}: one client (and, for the
 * RCAR client, one cookie jar) per KBS client, so the {@code kbs-session-id} cookie of a handshake
 * goes with that client's later requests and with no one else's.
 */
final class KbsHttp {

    static final String USER_AGENT = "coco4j-kbs-client/" + version();
    /** Bound on any answer read into memory; a resource JWE is far smaller. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final KbsConnection connection;
    private final HttpClient client;

    KbsHttp(KbsConnection connection, boolean cookieJar) {
        this.connection = connection;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connection.connectTimeout())
                // requests are synchronous and bodies are read by the caller: the client's own steps run
                // where they arise instead of hopping to a pool thread each (a third of the CPU per request)
                .executor(Runnable::run);
        if (cookieJar) {
            builder.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER));
        }
        if (!connection.trustedCertificates().isEmpty()) {
            builder.sslContext(pinnedContext(connection.trustedCertificates()));
        }
        this.client = builder.build();
    }

    KbsConnection connection() {
        return connection;
    }

    /** An answer: status and body bytes. */
    record Answer(int status, byte[] body) {

        /** The KBS error body, when the answer carries a well-formed one. */
        ErrorInformation errorInformation() {
            try {
                return Json.read(body, ErrorInformation.class); // null for a literal JSON null
            } catch (IOException e) {
                return null; // not an error body: the status alone is reported
            }
        }
    }

    Answer postJson(URI url, byte[] json) throws KbsTransportException, KbsProtocolException {
        return send(request(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build());
    }

    Answer get(URI url, String bearerToken) throws KbsTransportException, KbsProtocolException {
        HttpRequest.Builder request = request(url).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url)
                .timeout(connection.requestTimeout())
                .header("User-Agent", USER_AGENT);
    }

    private Answer send(HttpRequest request) throws KbsTransportException, KbsProtocolException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new KbsTransportException("cannot connect to the KBS at " + connection.baseUrl() + " within "
                    + connection.connectTimeout().toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new KbsTransportException("the KBS did not answer " + request.method() + " " + request.uri().getPath()
                    + " within " + connection.requestTimeout().toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new KbsTransportException("cannot connect to the KBS at " + connection.baseUrl() + ": " + connectFailure(e), e);
        } catch (SSLException e) {
            throw new KbsTransportException("TLS with the KBS at " + connection.baseUrl() + " failed: " + rootMessage(e), e);
        } catch (IOException e) {
            throw new KbsTransportException("cannot reach the KBS at " + connection.baseUrl() + ": " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbsTransportException("interrupted while waiting for the KBS", e);
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new KbsProtocolException("the KBS answer to " + request.method() + " " + request.uri().getPath()
                        + " exceeds " + MAX_RESPONSE_BYTES + " bytes", response.statusCode(), null);
            }
            return new Answer(response.statusCode(), bytes);
        } catch (IOException e) {
            throw new KbsTransportException("reading the KBS answer to " + request.method() + " " + request.uri().getPath()
                    + " failed: " + rootMessage(e), e);
        }
    }

    /** The JDK reports refused connections and unknown hosts as message-less exception chains. */
    private static String connectFailure(ConnectException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "connection refused";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static SSLContext pinnedContext(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("kbs-trust-" + i, anchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust for the KBS certificates", e);
        }
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = KbsHttp.class.getResourceAsStream("kbs-client.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version only decorates the User-Agent
        }
        return properties.getProperty("version", "unknown");
    }
}
