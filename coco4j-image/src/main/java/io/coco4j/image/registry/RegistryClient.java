package io.coco4j.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.DigestMismatchException;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciLayout;
import io.coco4j.image.oci.VerifyingInputStream;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A client of the OCI distribution API for pulling: manifests and blobs, HTTPS (plain HTTP only for
 * loopback registries and those named insecure), and the bearer-token flow ({@code WWW-Authenticate:
 * Bearer realm,service,scope} → token service, with Basic credentials when configured). Every
 * manifest's digest is checked against the reference or the registry's {@code Docker-Content-Digest};
 * every blob stream is checked against its descriptor at its end.
 */
public final class RegistryClient {

    private static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);

    private final HttpClient http;
    private final Set<String> insecureRegistries;
    private final Function<String, Optional<RegistryCredentials>> credentials;
    private final Duration requestTimeout;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private RegistryClient(Builder builder) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER); // followed by hand: credentials stay with the registry
        if (builder.sslContext != null) {
            http.sslContext(builder.sslContext);
        }
        this.http = http.build();
        this.insecureRegistries = Set.copyOf(builder.insecureRegistries);
        this.credentials = builder.credentials;
        this.requestTimeout = builder.requestTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A manifest or index as fetched: its verified digest, media type and bytes. */
    public record FetchedManifest(Descriptor descriptor, byte[] body) {
    }

    /** The manifest (or index) {@code reference} (tag or digest) of {@code name}. */
    public FetchedManifest manifest(ImageName name, String reference) throws IOException {
        URI url = api(name, "manifests/" + reference);
        HttpResponse<InputStream> response = send(name, HttpRequest.newBuilder(url).header("Accept", MANIFEST_ACCEPT).GET());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(OciLayout.MAX_DOCUMENT_BYTES + 1);
        }
        if (body.length > OciLayout.MAX_DOCUMENT_BYTES) {
            throw new RegistryException("the manifest of " + name + " is larger than " + OciLayout.MAX_DOCUMENT_BYTES + " bytes", 200);
        }
        Digest actual = Digest.sha256(body);
        if (reference.contains(":") && !reference.equals(actual.toString())) {
            Digest expected = Digest.parse(reference);
            Digest recomputed = Digest.of(expected.algorithm(), expected.newMessageDigestOver(body));
            if (!recomputed.equals(expected)) {
                throw new DigestMismatchException("the registry sent a manifest for " + reference + " whose digest is " + recomputed);
            }
            actual = expected;
        }
        Optional<String> announced = response.headers().firstValue("Docker-Content-Digest");
        if (announced.isPresent() && !reference.contains(":")) {
            Digest header = Digest.parse(announced.get().strip());
            if (!header.equals(Digest.of(header.algorithm(), header.newMessageDigestOver(body)))) {
                throw new DigestMismatchException("the manifest of " + name + " does not match the Docker-Content-Digest " + header);
            }
        }
        String mediaType = mediaType(body, response.headers().firstValue("Content-Type").orElse(null));
        return new FetchedManifest(Descriptor.of(mediaType, actual, body.length), body);
    }

    /** A blob, checked against {@code descriptor} as it is read (the check fires at its end). */
    public VerifyingInputStream blob(ImageName name, Descriptor descriptor) throws IOException {
        URI url = api(name, "blobs/" + descriptor.digest());
        HttpResponse<InputStream> response = send(name, HttpRequest.newBuilder(url).GET());
        return new VerifyingInputStream(response.body(), descriptor);
    }

    private static String mediaType(byte[] body, String contentType) throws RegistryException {
        try {
            JsonNode node = Json.readTree(body);
            String declared = node.path("mediaType").asText("");
            if (!declared.isEmpty()) {
                return declared;
            }
            if (node.has("manifests")) {
                return MediaTypes.OCI_INDEX;
            }
        } catch (IOException e) {
            throw new RegistryException("the registry sent a manifest that is not JSON", 200);
        }
        return contentType != null ? contentType.split(";")[0].strip() : MediaTypes.OCI_MANIFEST;
    }

    private URI api(ImageName name, String path) throws RegistryException {
        String host = name.apiHost();
        String scheme = plainHttp(host) ? "http" : "https";
        try {
            return URI.create(scheme + "://" + host + "/v2/" + name.repository() + "/" + path);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("invalid registry address '" + host + "'", 0);
        }
    }

    /** Plain HTTP only where TLS cannot matter (loopback) or the operator said so. */
    private boolean plainHttp(String hostAndPort) {
        if (insecureRegistries.contains(hostAndPort)) {
            return true;
        }
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(1, hostAndPort.indexOf(']'))
                : hostAndPort.contains(":") ? hostAndPort.substring(0, hostAndPort.lastIndexOf(':')) : hostAndPort;
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false; // a name: never resolved just to decide the scheme
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private HttpResponse<InputStream> send(ImageName name, HttpRequest.Builder request) throws IOException {
        String scope = "repository:" + name.repository() + ":pull";
        String tokenKey = name.apiHost() + " " + scope;
        String token = tokens.get(tokenKey);
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = exchange(request.timeout(requestTimeout).build());
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
            response.body().close();
            Optional<BearerChallenge> bearer = BearerChallenge.parse(challenge);
            Optional<RegistryCredentials> login = credentials.apply(name.registry());
            if (bearer.isPresent()) {
                token = fetchToken(bearer.get(), scope, login.orElse(null));
                tokens.put(tokenKey, token);
                request.setHeader("Authorization", "Bearer " + token);
            } else if (login.isPresent() && challenge != null && challenge.regionMatches(true, 0, "Basic", 0, 5)) {
                request.setHeader("Authorization", login.get().basicAuthorization());
            } else {
                throw new RegistryException(name.registry() + " requires authentication this client cannot perform (" + challenge + ")", 401);
            }
            response = exchange(request.build());
        }
        response = followRedirects(request.build(), response);
        if (response.statusCode() != 200) {
            int status = response.statusCode();
            String detail = errorDetail(response);
            throw new RegistryException(switch (status) {
                case 401, 403 -> name.registry() + " refused access to " + name.repository() + " (" + status + ")";
                case 404 -> "not found in " + name.registry() + ": " + request.build().uri().getPath();
                default -> name.registry() + " answered " + status;
            } + detail, status);
        }
        return response;
    }

    /**
     * Blob downloads are often redirected to storage (S3, a CDN). The redirect is followed without
     * the registry's credentials when it leaves the registry's host, and never from HTTPS to HTTP.
     */
    private HttpResponse<InputStream> followRedirects(HttpRequest original, HttpResponse<InputStream> response) throws IOException {
        HttpRequest current = original;
        for (int hops = 0; isRedirect(response.statusCode()); hops++) {
            String location = response.headers().firstValue("Location").orElse(null);
            response.body().close();
            if (location == null || hops >= 5) {
                throw new RegistryException("the registry redirected " + (location == null ? "without a Location" : "too often"),
                        response.statusCode());
            }
            URI next = current.uri().resolve(location);
            boolean sameOrigin = next.getAuthority() != null && next.getAuthority().equals(current.uri().getAuthority())
                    && java.util.Objects.equals(next.getScheme(), current.uri().getScheme());
            if (!"https".equals(next.getScheme()) && !("http".equals(next.getScheme()) && plainHttp(next.getAuthority()))) {
                throw new RegistryException("the registry redirected to " + next.getScheme() + "://" + next.getAuthority()
                        + ", which is neither HTTPS nor loopback", response.statusCode());
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(next).timeout(requestTimeout).GET();
            if (sameOrigin) {
                current.headers().firstValue("Authorization").ifPresent(value -> builder.header("Authorization", value));
            }
            current.headers().firstValue("Accept").ifPresent(value -> builder.header("Accept", value));
            current = builder.build();
            response = exchange(current);
        }
        return response;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private String fetchToken(BearerChallenge challenge, String scope, RegistryCredentials login) throws IOException {
        StringBuilder url = new StringBuilder(challenge.realm());
        url.append(challenge.realm().contains("?") ? '&' : '?');
        if (challenge.service() != null) {
            url.append("service=").append(URLEncoder.encode(challenge.service(), StandardCharsets.UTF_8)).append('&');
        }
        url.append("scope=").append(URLEncoder.encode(challenge.scope() != null ? challenge.scope() : scope, StandardCharsets.UTF_8));
        URI uri;
        try {
            uri = URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw new RegistryException("the registry's token realm is not a URL", 401);
        }
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && plainHttp(uri.getAuthority()))) {
            throw new RegistryException("the registry's token realm " + uri.getScheme() + "://" + uri.getAuthority()
                    + " is neither HTTPS nor loopback", 401);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
        if (login != null) {
            request.header("Authorization", login.basicAuthorization());
        }
        HttpResponse<InputStream> response = exchange(request.build());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(1 << 20);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException("the token service " + uri.getAuthority() + " refused a token (" + response.statusCode() + ")",
                    response.statusCode());
        }
        JsonNode json = Json.readTree(body);
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException("the token service answered without a token", 200);
        }
        return token;
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RegistryException("cannot reach " + request.uri().getScheme() + "://" + request.uri().getAuthority() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }

    private static String errorDetail(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            JsonNode errors = Json.readTree(in.readNBytes(16 * 1024)).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return ": " + errors.get(0).path("code").asText("") + " " + errors.get(0).path("message").asText("").replaceAll("\\p{Cntrl}", " ");
            }
        } catch (IOException | RuntimeException e) {
            // no usable error body
        }
        return "";
    }

    public static final class Builder {
        private Set<String> insecureRegistries = Set.of();
        private Function<String, Optional<RegistryCredentials>> credentials = registry -> Optional.empty();
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofMinutes(10);

        private Builder() {
        }

        /** Registries ({@code host[:port]}) reached over plain HTTP; loopback registries always are. */
        public Builder insecureRegistries(Set<String> registries) {
            this.insecureRegistries = Set.copyOf(registries);
            return this;
        }

        /** Credentials per registry name for the token service (or Basic auth). */
        public Builder credentials(Function<String, Optional<RegistryCredentials>> credentials) {
            this.credentials = Objects.requireNonNull(credentials);
            return this;
        }

        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
