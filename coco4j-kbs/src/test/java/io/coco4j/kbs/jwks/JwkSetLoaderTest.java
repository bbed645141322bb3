package io.coco4j.kbs.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.kbs.testing.LocalHttpsServer;
import io.coco4j.kbs.testing.TestPki;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwkSetLoaderTest {

    private static final String JWKS = "{\"keys\":[" + TestPki.jwk(TestPki.p256().getPublic(), "ES256").put("kid", "a")
            + "," + TestPki.jwk(TestPki.rsa().getPublic(), "RS256").put("kid", "b") + "]}";

    @TempDir
    Path dir;

    @Test
    void loadsFromAPlainPathAndAFileUri() throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, JWKS);
        JwkSetLoader loader = new JwkSetLoader(KeySourceReader.withDefaultHttpClient());

        TrustedJwkSet byPath = loader.load(file.toString());
        TrustedJwkSet byUri = loader.load(file.toUri().toString());

        assertThat(byPath.keys()).hasSize(2);
        assertThat(byUri.keys()).isEqualTo(byPath.keys());
        assertThat(byPath.findByKid("b").orElseThrow().get("kty").asText()).isEqualTo("RSA");
        assertThat(byPath.findByKid("c")).isEmpty();
    }

    @Test
    void loadsAJwkSetServedOverHttps() throws Exception {
        try (LocalHttpsServer server = new LocalHttpsServer().serve("/jwks", 200, JWKS)) {
            TrustedJwkSet set = new JwkSetLoader(new KeySourceReader(server.client())).load(server.url("/jwks"));
            assertThat(set.findByKid("a")).isPresent();
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void fallsBackToOpenIdDiscoveryWhenTheUrlIsNotAJwkSet() throws Exception {
        try (LocalHttpsServer server = new LocalHttpsServer()) {
            server.serve("/portal", 200, "<html>portal</html>")
                    .serve("/portal/.well-known/openid-configuration", 200,
                            "{\"issuer\":\"x\",\"jwks_uri\":\"" + server.url("/certs") + "\"}")
                    .serve("/certs", 200, JWKS);
            TrustedJwkSet set = new JwkSetLoader(new KeySourceReader(server.client())).load(server.url("/portal/"));
            assertThat(set.source()).isEqualTo(server.url("/certs"));
            assertThat(set.keys()).hasSize(2);
        }
    }

    @Test
    void anEmptyJwkSetAlsoTriggersDiscovery() throws Exception {
        try (LocalHttpsServer server = new LocalHttpsServer()) {
            server.serve("/idp", 200, "{\"keys\":[]}")
                    .serve("/idp/.well-known/openid-configuration", 200, "{\"jwks_uri\":\"" + server.url("/k") + "\"}")
                    .serve("/k", 200, JWKS);
            assertThat(new JwkSetLoader(new KeySourceReader(server.client())).load(server.url("/idp")).keys()).hasSize(2);
        }
    }

    @Test
    void discoveryFailuresAreExplained() throws Exception {
        try (LocalHttpsServer server = new LocalHttpsServer()) {
            server.serve("/a", 200, "{}").serve("/a/.well-known/openid-configuration", 200, "{\"issuer\":\"x\"}");
            server.serve("/b", 200, "{}");
            server.serve("/c", 200, "{}").serve("/c/.well-known/openid-configuration", 200,
                    "{\"jwks_uri\":\"http://127.0.0.1:1/keys\"}");
            JwkSetLoader loader = new JwkSetLoader(new KeySourceReader(server.client()));
            assertThatThrownBy(() -> loader.load(server.url("/a"))).isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("has no jwks_uri");
            assertThatThrownBy(() -> loader.load(server.url("/b"))).isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("HTTP 404");
            assertThatThrownBy(() -> loader.load(server.url("/c"))).isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("is not https://");
        }
    }

    @Test
    void anUntrustedServerCertificateIsRefused() throws Exception {
        try (LocalHttpsServer server = new LocalHttpsServer().serve("/jwks", 200, JWKS)) {
            JwkSetLoader loader = new JwkSetLoader(new KeySourceReader(HttpClient.newHttpClient()));
            assertThatThrownBy(() -> loader.load(server.url("/jwks"))).isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("failed");
        }
    }

    @Test
    void plainHttpAndBadFilesAreRefused() throws Exception {
        JwkSetLoader loader = new JwkSetLoader(KeySourceReader.withDefaultHttpClient());
        assertThatThrownBy(() -> loader.load("http://127.0.0.1:1/jwks")).isInstanceOf(KeySourceException.class)
                .hasMessageContaining("plain http");
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.json").toString()))
                .isInstanceOf(KeySourceException.class).hasMessageContaining("cannot read key file");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"keys\":[]}");
        assertThatThrownBy(() -> loader.load(empty.toString())).hasMessageContaining("empty JWK set");
        Path notJson = Files.writeString(dir.resolve("x.json"), "keys");
        assertThatThrownBy(() -> loader.load(notJson.toString())).hasMessageContaining("is not JSON");
        Path noKty = Files.writeString(dir.resolve("y.json"), "{\"keys\":[{\"x\":\"1\"}]}");
        assertThatThrownBy(() -> loader.load(noKty.toString())).hasMessageContaining("not a JWK");
    }
}
