package io.coco4j.guest.kbs;

import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.guest.testing.ScriptedKbs;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenClientTest {

    private static final byte[] SECRET = "bearer-mode secret".getBytes(StandardCharsets.US_ASCII);
    private static final ResourceUri KEY = ResourceUri.parse("kbs:///default/key/2");
    private static final String KEY_PATH = "/kbs/v0/resource/default/key/2";

    private ScriptedKbs kbs;

    @BeforeEach
    void start() throws Exception {
        kbs = ScriptedKbs.start();
    }

    @AfterEach
    void stop() {
        kbs.close();
    }

    private KbsClient attester(TeeKeyAlgorithm algorithm) {
        return KbsClient.builder().url(kbs.url()).attester(new SampleAttester()).teeKeyAlgorithm(algorithm)
                .handshakeRetryDelay(Duration.ZERO).build();
    }

    @Test
    void sendsTheTokenAsBearerWithoutACookieAndDecryptsWithItsKey() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, kbs.resource(SECRET));
        KbsClient rcar = attester(TeeKeyAlgorithm.RSA_OAEP_256);
        TokenCredential credential = rcar.getToken();

        BearerTokenClient client = BearerTokenClient.builder().url(kbs.url()).tokenProvider(rcar).initialToken(credential).build();
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);

        kbs.assertScriptDone();
        ScriptedKbs.Request get = kbs.requests().get(2);
        assertThat(get.header("Authorization")).contains("Bearer " + credential.token().jwt());
        assertThat(get.header("Cookie")).isEmpty();
        assertThat(get.header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("coco4j-kbs-client/"));
    }

    @Test
    void withoutAnInitialTokenOneIsObtainedFirst() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, kbs.resource(SECRET));
        BearerTokenClient client = BearerTokenClient.builder().url(kbs.url()).tokenProvider(attester(TeeKeyAlgorithm.EC_P256)).build();
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        kbs.assertScriptDone();
    }

    @Test
    void a401FetchesANewTokenWhoseKeyOpensTheRetriedAnswer() throws Exception {
        // two different attesting clients, so the retried request runs under a different TEE key
        Deque<KbsClient> sources = new ArrayDeque<>(List.of(attester(TeeKeyAlgorithm.EC_P256), attester(TeeKeyAlgorithm.EC_P521)));
        TokenProvider provider = () -> sources.pop().newToken();
        kbs.expectHandshake()
                .expectResource(KEY_PATH, ScriptedKbs.error(401, KbsErrorType.TOKEN_VERIFIER_ERROR, "expired"))
                .expectHandshake()
                .expectResource(KEY_PATH, kbs.resource(SECRET));

        BearerTokenClient client = BearerTokenClient.builder().url(kbs.url()).tokenProvider(provider).build();
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        kbs.assertScriptDone();
        assertThat(kbs.requests().get(5).header("Authorization")).isNotEqualTo(kbs.requests().get(2).header("Authorization"));
    }

    @Test
    void threeRefusalsAreUnauthorized() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        KbsClient rcar = attester(TeeKeyAlgorithm.EC_P256);
        TokenProvider counting = () -> {
            issued.incrementAndGet();
            return rcar.newToken();
        };
        kbs.expectHandshake();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                kbs.expectHandshake();
            }
            kbs.expectResource(KEY_PATH, ScriptedKbs.error(401, KbsErrorType.POLICY_DENY, "Access denied by policy"));
        }
        BearerTokenClient client = BearerTokenClient.builder().url(kbs.url()).tokenProvider(counting).build();
        assertThatThrownBy(() -> client.getResource(KEY))
                .isInstanceOfSatisfying(KbsUnauthorizedException.class, e -> assertThat(e.attempts()).isEqualTo(3))
                .hasMessageEndingWith("(HTTP 401 PolicyDeny: Access denied by policy)");
        assertThat(issued).hasValue(3);
        kbs.assertScriptDone();
    }

    @Test
    void notFoundIsFinal() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, ScriptedKbs.error(404, KbsErrorType.PLUGIN_NOT_FOUND, "plugin resource not found"));
        BearerTokenClient client = BearerTokenClient.builder().url(kbs.url()).tokenProvider(attester(TeeKeyAlgorithm.EC_P256)).build();
        assertThatThrownBy(() -> client.getResource(KEY)).isInstanceOf(KbsResourceNotFoundException.class)
                .hasMessageContaining("PluginNotFound");
        kbs.assertScriptDone();
    }

    @Test
    void anInitialTokenThatExpiredIsReplacedBeforeUse() throws Exception {
        Instant issued = Instant.now();
        kbs.tokenExpiry(now -> issued.plusSeconds(60));
        kbs.expectHandshake().expectHandshake().expectResource(KEY_PATH, kbs.resource(SECRET));
        KbsClient rcar = attester(TeeKeyAlgorithm.EC_P256);
        TokenCredential stale = rcar.getToken();
        MutableClock clock = new MutableClock(issued.plusSeconds(61));

        BearerTokenClient client = BearerTokenClient.builder().url(kbs.url()).tokenProvider(rcar).initialToken(stale).clock(clock).build();
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        kbs.assertScriptDone();
        assertThat(kbs.requests().get(4).header("Authorization")).isPresent().isNotEqualTo(java.util.Optional.of("Bearer " + stale.token().jwt()));
    }

    @Test
    void providerFailuresPropagate() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", ScriptedKbs.error(401, KbsErrorType.ATTESTATION_ERROR, "refused"));
        KbsClient rcar = KbsClient.builder().url(kbs.url()).attester(new SampleAttester()).handshakeRetryDelay(Duration.ZERO).build();
        for (int i = 1; i < KbsClient.HANDSHAKE_ATTEMPTS; i++) {
            kbs.expect("POST", "/kbs/v0/auth", ScriptedKbs.error(401, KbsErrorType.ATTESTATION_ERROR, "refused"));
        }
        BearerTokenClient client = BearerTokenClient.builder().url(kbs.url()).tokenProvider(rcar).build();
        assertThatThrownBy(() -> client.getResource(KEY)).isInstanceOf(KbsAttestationException.class);
        kbs.assertScriptDone();
    }

    @Test
    void builderNeedsAProvider() {
        assertThatThrownBy(() -> BearerTokenClient.builder().url("http://kbs").build()).isInstanceOf(IllegalStateException.class);
    }
}
