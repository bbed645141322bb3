package io.coco4j.image.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.DigestMismatchException;
import io.coco4j.image.oci.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a loopback distribution server with a filesystem store never does, but registries in front
 * of object storage do: blob redirects to another host (followed without the registry's token),
 * manifests whose announced digest does not match, and references parsed as runtimes parse them.
 */
class RegistryClientTest {

    private HttpServer registry;
    private HttpServer storage;
    private final List<String> storageAuthorization = Collections.synchronizedList(new ArrayList<>());
    private final byte[] blob = "layer bytes".getBytes(StandardCharsets.US_ASCII);
    private final byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
            + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Digest.sha256(new byte[0]) + "\",\"size\":0},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    private volatile String announcedDigest;

    @BeforeEach
    void start() throws IOException {
        storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storage.createContext("/bucket/blob", exchange -> {
            storageAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            send(exchange, 200, blob);
        });
        storage.start();
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String self = "127.0.0.1:" + registry.getAddress().getPort();
        registry.createContext("/token", exchange -> send(exchange, 200, "{\"token\":\"t0k3n\"}".getBytes(StandardCharsets.US_ASCII)));
        registry.createContext("/v2/", exchange -> {
            if (!"Bearer t0k3n".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + self + "/token\",service=\"reg\",scope=\"repository:app:pull\"");
                send(exchange, 401, new byte[0]);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/v2/app/manifests/")) {
                exchange.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
                exchange.getResponseHeaders().add("Docker-Content-Digest", announcedDigest);
                send(exchange, 200, manifest);
            } else if (path.startsWith("/v2/app/blobs/")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getAddress().getPort() + "/bucket/blob?sig=x");
                send(exchange, 307, new byte[0]);
            } else {
                send(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}".getBytes(StandardCharsets.US_ASCII));
            }
        });
        registry.start();
        announcedDigest = Digest.sha256(manifest).toString();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        storage.stop(0);
    }

    private ImageName name(String reference) {
        return ImageName.parse("127.0.0.1:" + registry.getAddress().getPort() + "/app" + reference);
    }

    @Test
    void blobRedirectsAreFollowedWithoutTheRegistryToken() throws Exception {
        try (InputStream in = RegistryClient.builder().build().blob(name(":v1"), Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(blob), blob.length))) {
            assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        assertThat(storageAuthorization).containsExactly("null");
    }

    @Test
    void manifestsAreCheckedAgainstTheirDigest() throws Exception {
        RegistryClient client = RegistryClient.builder().build();
        RegistryClient.FetchedManifest fetched = client.manifest(name(":v1"), "v1");
        assertThat(fetched.descriptor().digest()).isEqualTo(Digest.sha256(manifest));
        assertThat(client.manifest(name(":v1"), Digest.sha256(manifest).toString()).body()).isEqualTo(manifest);
        assertThatThrownBy(() -> client.manifest(name(":v1"), Digest.sha256(new byte[3]).toString()))
                .isInstanceOf(DigestMismatchException.class);
        announcedDigest = Digest.sha256(new byte[1]).toString();
        assertThatThrownBy(() -> client.manifest(name(":v1"), "v1")).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("Docker-Content-Digest");
        assertThatThrownBy(() -> client.manifest(name(":v1").withRepository("other"), "v1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aWrongBlobFailsAtItsEnd() throws Exception {
        try (InputStream in = RegistryClient.builder().build().blob(name(":v1"), Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(new byte[2]), blob.length))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class);
        }
    }

    @Test
    void referencesParseAsRuntimesParseThem() {
        assertThat(ImageName.parse("busybox")).isEqualTo(new ImageName("docker.io", "library/busybox", "latest", null));
        assertThat(ImageName.parse("docker.io/foo/bar:1.0").apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageName.parse("localhost:5000/a/b@sha256:" + "a".repeat(64)).reference()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(ImageName.parse("quay.io/org/app:v2").registry()).isEqualTo("quay.io");
        assertThatThrownBy(() -> ImageName.parse("Not An Image!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageName.parse("app:bad/tag:x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registry");
        assertThatThrownBy(() -> ImageName.parse("app:v1:v2")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ImageName.parse("[::1]:5000/app").registry()).isEqualTo("[::1]:5000");
        assertThat(Optional.of(new RegistryCredentials("u", "p")).toString()).doesNotContain("p]");
    }
}
