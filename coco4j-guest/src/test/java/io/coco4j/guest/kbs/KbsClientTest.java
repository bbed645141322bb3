package io.coco4j.guest.kbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.attester.SampleDeviceAttester;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.guest.testing.ScriptedKbs;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceEncryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.resource.ResourceUri;
import io.coco4j.protocol.tee.Tee;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KbsClientTest {

    private static final byte[] SECRET = "a 32-byte key encryption key!!!!".getBytes(StandardCharsets.US_ASCII);
    private static final ResourceUri KEY = ResourceUri.parse("kbs:///default/key/1");
    private static final String KEY_PATH = "/kbs/v0/resource/default/key/1";

    private ScriptedKbs kbs;

    @BeforeEach
    void start() throws Exception {
        kbs = ScriptedKbs.start();
    }

    @AfterEach
    void stop() {
        kbs.close();
    }

    private KbsClient.Builder client() {
        return KbsClient.builder().url(kbs.url()).attester(new SampleAttester()).handshakeRetryDelay(Duration.ZERO);
    }

    @ParameterizedTest
    @EnumSource(TeeKeyAlgorithm.class)
    void attestsThenFetchesAndDecryptsTheResource(TeeKeyAlgorithm algorithm) throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, kbs.resource(SECRET));

        KbsClient client = client().teeKeyAlgorithm(algorithm).build();
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);

        kbs.assertScriptDone();
        assertThat(kbs.exchangeLog()).containsExactly("POST /kbs/v0/auth", "POST /kbs/v0/attest", "GET " + KEY_PATH);
        TeePublicKey posted = TeePublicKey.fromJson(kbs.attestations().get(0).path("runtime-data").path("tee-pubkey"));
        assertThat(posted).isEqualTo(client.teePublicKey());
        assertThat(posted.alg()).isEqualTo(algorithm == TeeKeyAlgorithm.RSA_OAEP_256 ? "RSA-OAEP-256" : "ECDH-ES+A256KW");
    }

    @Test
    void requestsCarryTheReferenceHeadersBodiesAndTheSessionCookie() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, kbs.resource(SECRET));
        client().build().getResource(KEY);

        List<ScriptedKbs.Request> requests = kbs.requests();
        ScriptedKbs.Request auth = requests.get(0);
        ScriptedKbs.Request attest = requests.get(1);
        ScriptedKbs.Request get = requests.get(2);
        for (ScriptedKbs.Request request : requests) {
            assertThat(request.header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).matches("coco4j-kbs-client/\\d+\\.\\d+\\.\\d+.*"));
            assertThat(request.header("Authorization")).isEmpty();
        }
        assertThat(auth.header("Content-Type")).contains("application/json");
        assertThat(attest.header("Content-Type")).contains("application/json");
        assertThat(auth.bodyText()).isEqualTo("{\"version\":\"0.4.0\",\"tee\":\"sample\","
                + "\"extra-params\":{\"supported-hash-algorithms\":[\"sha256\",\"sha384\",\"sha512\",\"sm3\"]}}");
        assertThat(auth.cookie("kbs-session-id")).isEmpty();
        assertThat(attest.cookie("kbs-session-id")).isPresent();
        assertThat(get.cookie("kbs-session-id")).isEqualTo(attest.cookie("kbs-session-id"));

        ObjectNode body = kbs.attestations().get(0);
        assertThat(body.has("init-data")).as("no init-data key without init-data").isFalse();
        assertThat(body.path("tee-evidence").path("additional_evidence").textValue()).isEmpty();
        assertThat(body.path("tee-evidence").path("primary_evidence").path("svn").asText()).isEqualTo("1");
        List<String> members = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("runtime-data", "tee-evidence");
    }

    @Test
    void initDataGoesVerbatimWithTheAttestation() throws Exception {
        String toml = "algorithm = \"sha384\"\nversion = \"0.1.0\"\n\n[data]\n\"aa.toml\" = '''\n[token_configs.kbs]\nurl = \"http://10.0.0.1:8080\"\n'''\n";
        kbs.expectHandshake();
        client().initData(toml).build().getToken();
        JsonNode initData = kbs.attestations().get(0).path("init-data");
        assertThat(initData.path("format").asText()).isEqualTo("toml");
        assertThat(initData.path("body").textValue()).isEqualTo(toml);
    }

    @Test
    void theCookieJarWorksWithAHostName() throws Exception {
        try (ScriptedKbs named = ScriptedKbs.start("localhost")) {
            named.expectHandshake().expectResource(KEY_PATH, named.resource(SECRET));
            KbsClient client = KbsClient.builder().url(named.url()).attester(new SampleAttester()).build();
            assertThat(client.getResource(KEY)).isEqualTo(SECRET);
            named.assertScriptDone();
        }
    }

    @Test
    void deviceEvidenceTravelsInAdditionalEvidenceAndPassesTheBindingCheck() throws Exception {
        kbs.expectHandshake();
        client().addDeviceAttester(new SampleDeviceAttester()).build().getToken();
        kbs.assertScriptDone();
        JsonNode additional = Json.readTree(kbs.attestations().get(0).path("tee-evidence").path("additional_evidence").asText());
        assertThat(additional.path("sampledevice").path("svn").asText()).isEqualTo("2");
    }

    @Test
    void aValidCachedTokenMeansNoNewHandshake() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, kbs.resource(SECRET)).expectResource(KEY_PATH, kbs.resource(SECRET));
        KbsClient client = client().build();
        TokenCredential first = client.getToken();
        assertThat(client.getToken().token().jwt()).isEqualTo(first.token().jwt());
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        kbs.assertScriptDone();
        assertThat(first.teeKeyPair().publicJwk()).isEqualTo(client.teePublicKey());
    }

    @Test
    void anExpiredTokenIsReplacedByANewHandshakeWithTheSameKey() throws Exception {
        Instant issued = Instant.now();
        kbs.tokenExpiry(now -> issued.plusSeconds(300));
        MutableClock clock = new MutableClock(issued);
        kbs.expectHandshake().expectHandshake().expectResource(KEY_PATH, kbs.resource(SECRET));
        KbsClient client = client().clock(clock).build();

        TokenCredential first = client.getToken();
        clock.advance(Duration.ofSeconds(300));
        assertThat(client.getToken().token().jwt()).as("valid through exp itself").isEqualTo(first.token().jwt());
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);

        kbs.assertScriptDone();
        assertThat(kbs.attestations()).hasSize(2);
        assertThat(kbs.attestations().get(1).path("runtime-data").path("tee-pubkey"))
                .isEqualTo(kbs.attestations().get(0).path("runtime-data").path("tee-pubkey"));
    }

    @Test
    void newTokenAlwaysAttests() throws Exception {
        kbs.expectHandshake().expectHandshake();
        KbsClient client = client().build();
        TokenCredential first = client.newToken();
        TokenCredential second = client.newToken();
        assertThat(second.token().jwt()).isNotEqualTo(first.token().jwt());
        kbs.assertScriptDone();
    }

    @Test
    void a401IsAnsweredByOneNewHandshakeAndARetry() throws Exception {
        kbs.expectHandshake()
                .expectResource(KEY_PATH, ScriptedKbs.error(401, KbsErrorType.TOKEN_VERIFIER_ERROR, "token expired"))
                .expectHandshake()
                .expectResource(KEY_PATH, kbs.resource(SECRET));
        assertThat(client().build().getResource(KEY)).isEqualTo(SECRET);
        kbs.assertScriptDone();
    }

    @Test
    void threeRefusalsEndInUnauthorizedWithTheLastErrorBody() throws Exception {
        kbs.expectHandshake()
                .expectResource(KEY_PATH, ScriptedKbs.error(401, KbsErrorType.POLICY_DENY, "Access denied by policy"))
                .expectHandshake()
                .expectResource(KEY_PATH, ScriptedKbs.error(401, KbsErrorType.POLICY_DENY, "Access denied by policy"))
                .expectHandshake()
                .expectResource(KEY_PATH, ScriptedKbs.error(401, KbsErrorType.POLICY_DENY, "still denied"));
        KbsClient client = client().build();

        assertThatThrownBy(() -> client.getResource(KEY))
                .isInstanceOfSatisfying(KbsUnauthorizedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.httpStatus()).hasValue(401);
                    assertThat(e.errorInformation()).hasValueSatisfying(info -> {
                        assertThat(info.variant()).isEqualTo("PolicyDeny");
                        assertThat(info.detail()).isEqualTo("still denied");
                    });
                })
                .hasMessage("the KBS refused access to kbs:///default/key/1 after 3 attempts (HTTP 401 PolicyDeny: still denied)");
        kbs.assertScriptDone();
        assertThat(kbs.requests()).hasSize(9);
    }

    @Test
    void notFoundIsFinal() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, ScriptedKbs.error(404, KbsErrorType.RESOURCE_NOT_FOUND, "no resource default/key/1"));
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOf(KbsResourceNotFoundException.class)
                .hasMessage("resource kbs:///default/key/1 not found (HTTP 404 ResourceNotFound: no resource default/key/1)");
        kbs.assertScriptDone();
        assertThat(kbs.requests()).hasSize(3);
    }

    @Test
    void otherStatusesSurfaceTheServerErrorWithoutRetry() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, ScriptedKbs.error(400, KbsErrorType.INVALID_RESOURCE_PATH, "bad\npath"));
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOfSatisfying(KbsHttpStatusException.class, e -> assertThat(e.httpStatus()).hasValue(400))
                .hasMessageEndingWith("(HTTP 400 InvalidResourcePath: bad path)");
        kbs.assertScriptDone();
    }

    @Test
    void anErrorWithoutABodyStillNamesTheStatus() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, ScriptedKbs.raw(502, "<html>bad gateway</html>"));
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOfSatisfying(KbsHttpStatusException.class, e -> assertThat(e.errorInformation()).isEmpty())
                .hasMessageEndingWith("(HTTP 502)");
    }

    @Test
    void errorBodiesThatAreNotKbsErrorsStillFollowTheStatusRules() throws Exception {
        kbs.expectHandshake()
                .expectResource(KEY_PATH, ScriptedKbs.raw(401, "null"))
                .expectHandshake()
                .expectResource(KEY_PATH, ScriptedKbs.raw(404, "{\"type\":\"only a type\"}"));
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOfSatisfying(KbsResourceNotFoundException.class, e -> assertThat(e.errorInformation()).isEmpty())
                .hasMessage("resource kbs:///default/key/1 not found (HTTP 404)");
        kbs.assertScriptDone();
    }

    @Test
    void aResourceAnswerThatIsNotAJweIsAProtocolError() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, ScriptedKbs.raw(200, "not json"));
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOf(KbsProtocolException.class).hasMessageContaining("not a resource JWE");
    }

    @Test
    void aJweWithoutTagIsAProtocolError() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, request -> {
            ObjectNode jwe = (ObjectNode) Json.readTree(kbs.resource(SECRET).reply(request).body());
            jwe.remove("tag");
            return ScriptedKbs.Reply.json(200, Json.write(jwe));
        });
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOf(KbsProtocolException.class).hasMessageContaining("'tag'");
    }

    @Test
    void aJweForAnotherKeyDoesNotDecrypt() throws Exception {
        TeeKeyPair stranger = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        JweResponse foreign = new ResourceEncryptor().encrypt(SECRET, stranger.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        kbs.expectHandshake().expectResource(KEY_PATH, ScriptedKbs.raw(200, Json.write(foreign)));
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOf(KbsProtocolException.class).hasMessageStartingWith("cannot decrypt kbs:///default/key/1");
    }

    @Test
    void aTamperedProtectedHeaderFailsTheAad() throws Exception {
        kbs.expectHandshake().expectResource(KEY_PATH, request -> {
            JweResponse jwe = Json.read(kbs.resource(SECRET).reply(request).body(), JweResponse.class);
            // same header JSON with a space added: a different AAD, so the GCM tag must fail
            String header = new String(Base64.getUrlDecoder().decode(jwe.protectedHeader()), StandardCharsets.UTF_8)
                    .replace("\"enc\":", "\"enc\": ");
            JweResponse tampered = new JweResponse(Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)),
                    jwe.encryptedKey(), jwe.iv(), jwe.ciphertext(), jwe.tag());
            return ScriptedKbs.Reply.json(200, Json.write(tampered));
        });
        assertThatThrownBy(() -> client().build().getResource(KEY)).isInstanceOf(KbsProtocolException.class);
    }

    @Test
    void aRefusedAttestationIsNotRetriedInsideAResourceRequest() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", kbs.challenge())
                .expect("POST", "/kbs/v0/attest", ScriptedKbs.error(401, KbsErrorType.ATTESTATION_ERROR,
                        "Attestation error: RCAR handshake Attest failed"));
        assertThatThrownBy(() -> client().build().getResource(KEY))
                .isInstanceOfSatisfying(KbsAttestationException.class, e -> assertThat(e.httpStatus()).hasValue(401))
                .hasMessage("the KBS refused the attestation at /attest (HTTP 401 AttestationError: Attestation error: RCAR handshake Attest failed)");
        kbs.assertScriptDone();
    }

    @Test
    void getTokenRetriesTheHandshakeFiveTimes() throws Exception {
        for (int i = 0; i < 5; i++) {
            kbs.expect("POST", "/kbs/v0/auth", ScriptedKbs.error(401, KbsErrorType.ATTESTATION_ERROR,
                    "KBS Client Protocol Version Mismatch: expect =0.4.0 while the request is 0.3.0 #" + i));
        }
        KbsClient client = client().build();
        assertThatThrownBy(client::getToken)
                .isInstanceOfSatisfying(KbsAttestationException.class, e -> {
                    assertThat(e.getSuppressed()).hasSize(4);
                    assertThat(e.getMessage()).contains("Version Mismatch").endsWith("#4)");
                });
        kbs.assertScriptDone();
    }

    @Test
    void getTokenSucceedsOnALaterAttempt() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", ScriptedKbs.raw(503, ""))
                .expect("POST", "/kbs/v0/auth", ScriptedKbs.raw(200, "{\"garbage\":"))
                .expectHandshake();
        assertThat(client().build().getToken().token().expiresAt()).isPresent();
        kbs.assertScriptDone();
    }

    @Test
    void theRetryDelayIsObserved() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", ScriptedKbs.raw(503, "")).expectHandshake();
        long start = System.nanoTime();
        client().handshakeRetryDelay(Duration.ofMillis(300)).build().getToken();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void theChallengesHashAlgorithmIsUsedForTheReportData() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", request -> {
            ScriptedKbs.Reply reply = kbs.challenge().reply(request);
            ObjectNode challenge = (ObjectNode) Json.readTree(reply.body());
            challenge.putObject("extra-params").put("selected-hash-algorithm", "SHA512");
            return new ScriptedKbs.Reply(200, reply.headers(), Json.writeBytes(challenge));
        }).expect("POST", "/kbs/v0/attest", request -> {
            JsonNode body = Json.readTree(request.body());
            RuntimeData runtimeData = new RuntimeData(body.path("runtime-data").path("nonce").asText(),
                    TeePublicKey.fromJson(body.path("runtime-data").path("tee-pubkey")));
            byte[] expected = RuntimeData.digest(runtimeData.primaryBinding(""), HashAlgorithm.SHA512);
            assertThat(Base64.getDecoder().decode(body.path("tee-evidence").path("primary_evidence").path("report_data").asText()))
                    .isEqualTo(expected);
            return ScriptedKbs.Reply.json(200, Json.write(Map.of("token", kbs.mintToken(runtimeData.teePubkey()))));
        });
        client().build().getToken();
        kbs.assertScriptDone();
    }

    @Test
    void anUnknownHashAlgorithmIsAProtocolError() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", ScriptedKbs.raw(200, "{\"nonce\":\"n\",\"extra-params\":{\"selected-hash-algorithm\":\"md5\"}}"));
        KbsClient client = client().build();
        assertThatThrownBy(() -> client.getResource(KEY)).isInstanceOf(KbsProtocolException.class).hasMessageContaining("md5");
    }

    @Test
    void malformedHandshakeAnswersAreProtocolErrors() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", ScriptedKbs.raw(200, "{\"extra-params\":\"\"}"));
        assertThatThrownBy(() -> client().build().getResource(KEY)).isInstanceOf(KbsProtocolException.class).hasMessageContaining("no nonce");

        kbs.expect("POST", "/kbs/v0/auth", kbs.challenge()).expect("POST", "/kbs/v0/attest", ScriptedKbs.raw(200, "{\"token\":\"not-a-jwt\"}"));
        assertThatThrownBy(() -> client().build().getResource(KEY)).isInstanceOf(KbsProtocolException.class).hasMessageContaining("compact JWT");

        kbs.expect("POST", "/kbs/v0/auth", kbs.challenge()).expect("POST", "/kbs/v0/attest", ScriptedKbs.raw(200, "{}"));
        assertThatThrownBy(() -> client().build().getResource(KEY)).isInstanceOf(KbsProtocolException.class).hasMessageContaining("no token");
        kbs.assertScriptDone();
    }

    @Test
    void anAttesterFailureIsAnEvidenceError() throws Exception {
        Attester broken = new Attester() {
            @Override
            public Tee tee() {
                return Tee.SAMPLE;
            }

            @Override
            public JsonNode evidence(byte[] reportData) throws EvidenceException {
                throw new EvidenceException("device /dev/tdx_guest is missing");
            }
        };
        kbs.expect("POST", "/kbs/v0/auth", kbs.challenge());
        assertThatThrownBy(() -> client().attester(broken).build().getResource(KEY))
                .isInstanceOf(KbsEvidenceException.class).hasMessageContaining("/dev/tdx_guest");
    }

    @Test
    void anUnreachableKbsIsATransportError() throws Exception {
        String url = kbs.url();
        kbs.close();
        KbsClient client = KbsClient.builder().url(url).attester(new SampleAttester()).build();
        assertThatThrownBy(() -> client.getResource(KEY))
                .isInstanceOf(KbsTransportException.class).hasMessage("cannot connect to the KBS at " + url + ": connection refused");
    }

    @Test
    void aSlowKbsTimesOut() throws Exception {
        kbs.expect("POST", "/kbs/v0/auth", request -> {
            Thread.sleep(1500);
            return ScriptedKbs.Reply.json(200, "{}");
        });
        KbsClient client = KbsClient.builder()
                .connection(KbsConnection.builder().url(kbs.url()).requestTimeout(Duration.ofMillis(200)).build())
                .attester(new SampleAttester()).build();
        assertThatThrownBy(() -> client.getResource(KEY))
                .isInstanceOf(KbsTransportException.class).hasMessageContaining("did not answer POST /kbs/v0/auth within");
    }

    @Test
    void resourceQueriesAndPluginsReachTheServerUnchanged() throws Exception {
        kbs.expectHandshake().expectResource("/kbs/v0/resource/alice/key/1", kbs.resource(SECRET))
                .expectResource("/kbs/v0/nebula-ca/credential/x", kbs.resource(SECRET));
        KbsClient client = client().build();
        client.getResource(ResourceUri.parse("kbs://ignored:9/alice/key/1?version=2&x=a%20b"));
        client.getResource(ResourceUri.parse("kbs+nebula-ca:///credential/x"));
        kbs.assertScriptDone();
        assertThat(kbs.requests().get(2).query()).isEqualTo("version=2&x=a%20b");
        assertThat(kbs.requests().get(3).query()).isNull();
    }

    @Test
    void builderNeedsUrlAndAttester() {
        assertThatThrownBy(() -> KbsClient.builder().attester(new SampleAttester()).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KbsClient.builder().url("http://kbs").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attester");
        assertThat(KbsClient.builder().url("http://kbs").attester(new SampleAttester()).build().teePublicKey().alg())
                .isEqualTo("ECDH-ES+A256KW");
    }

}
