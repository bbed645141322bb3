package io.coco4j.cli.admin;

import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The administrator's side of the KBS admin API: requests with {@code Authorization: Bearer <admin token>}. */
public final class AdminClient {

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    AdminClient(String baseUrl, String token, List<X509Certificate> pinned) throws IOException {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!pinned.isEmpty()) {
            builder.sslContext(pinnedContext(pinned));
        }
        this.http = builder.build();
    }

    /** TLS that trusts exactly these certificates (the KBS's own or its CA), as {@code --kbs-cert} asks. */
    public static SSLContext pinnedContext(List<X509Certificate> certificates) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trust.setCertificateEntry("kbs-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot use the pinned KBS certificate: " + e.getMessage(), e);
        }
    }

    /** Sends a request below {@code /kbs/v0/} and returns the body of a 200 answer. */
    public byte[] send(String method, String apiPath, byte[] body, String contentType) throws AdminRequestException {
        return request(method, "/kbs/v0/" + apiPath, body, contentType);
    }

    /** Sends an admin request to a path of the KBS's HTTP server (e.g. {@code /rvps/v0/…}) and returns the body of a 200 answer. */
    public byte[] request(String method, String absolutePath, byte[] body, String contentType) throws AdminRequestException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + absolutePath))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AdminRequestException("cannot reach the KBS at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminRequestException("interrupted");
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        String reason;
        try {
            ErrorInformation error = Json.read(response.body(), ErrorInformation.class);
            reason = error.variant() + ": " + error.detail();
        } catch (IOException | RuntimeException e) {
            reason = "no error body";
        }
        throw new AdminRequestException("the KBS answered " + response.statusCode() + " (" + reason + ")", response.statusCode());
    }

    /** The KBS refused or could not be reached; the message is for the operator. */
    public static final class AdminRequestException extends Exception {
        private final int status;

        AdminRequestException(String message) {
            this(message, 0);
        }

        AdminRequestException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** The HTTP status the KBS answered, or 0 when it could not be reached. */
        public int status() {
            return status;
        }
    }
}
