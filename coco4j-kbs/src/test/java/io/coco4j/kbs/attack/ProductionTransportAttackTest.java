package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A production KBS never speaks plain HTTP, so a session cookie can never be presented or leaked
 * in clear text, and its cookies are marked so that clients keep them off plain HTTP too. (The sample
 * TEE in production: {@link SampleTeeProductionAttackTest}.)
 */
class ProductionTransportAttackTest {

    @TempDir
    Path dir;

    @Test
    void plainHttpIsNotServedSoNoCookieCrossesInClear() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            String plain = kbs.url.replace("https://", "http://");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(plain + "/kbs/v0/resource/default/key/1"))
                    .header("Cookie", "kbs-session-id=0123456789abcdef0123456789abcdef").timeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                // a TLS listener answering a clear-text request must not produce a KBS answer
                assertThat(response.statusCode()).isNotIn(200, 401, 404);
                throw new IOException("TLS listener answered clear text with " + response.statusCode());
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theSessionCookieIsOnlyEverSentBackOverTls() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.PRODUCTION)) {
            HttpResponse<byte[]> auth = kbs.post("/kbs/v0/auth", "{\"version\":\"0.4.0\",\"tee\":\"snp\",\"extra-params\":{}}");
            assertThat(auth.statusCode()).isEqualTo(200);
            // Secure: a client's cookie jar never returns it over http://; HttpOnly, SameSite: no script or other site does
            assertThat(auth.headers().firstValue("set-cookie").orElseThrow()).startsWith("kbs-session-id=")
                    .endsWith("; Secure; HttpOnly; SameSite=Strict");
        }
    }
}
