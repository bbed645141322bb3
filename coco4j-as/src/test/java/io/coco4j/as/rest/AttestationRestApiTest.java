package io.coco4j.as.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.as.AttestationService;
import io.coco4j.as.SampleGuest;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.verifier.VerifierRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference's AS REST API, request by request, with good and bad input. */
class AttestationRestApiTest {

    private static final String ADMIN = "Bearer admin";

    private AttestationService service;
    private BuiltinReferenceValueProvider rvps;
    private AttestationRestApi api;

    @BeforeEach
    void start() throws Exception {
        rvps = BuiltinReferenceValueProvider.builder(new InMemoryReferenceValueStore()).extractor(new SampleExtractor()).build();
        service = AttestationService.create(new MemoryStorage(), EarTokenBrokerSettings.defaults(),
                VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT), rvps);
        api = new AttestationRestApi(service, (method, path, authorization) -> {
            if (!authorization.equals(Optional.of(ADMIN))) {
                throw new PolicyAdministration.AdministrationRefusedException("no admin token", null);
            }
        });
    }

    private RestResponse post(String path, String body, String authorization) {
        return api.handle("POST", path, Optional.ofNullable(authorization), body.getBytes(StandardCharsets.UTF_8));
    }

    private RestResponse get(String path) {
        return api.handle("GET", path, Optional.empty(), new byte[0]);
    }

    private static String text(RestResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A B.1 request in the REST shape, with runtime data as {"structured": …}. */
    private static ObjectNode structuredRequest() {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode request = body.putArray("verification_requests").addObject();
        request.put("tee", "sample");
        request.put("evidence", SampleGuest.base64url(SampleGuest.B1_EVIDENCE));
        request.putObject("runtime_data").set("structured", SampleGuest.RUNTIME_DATA.primaryBinding(""));
        request.put("runtime_data_hash_algorithm", "sha384");
        body.putArray("policy_ids");
        return body;
    }

    private static ObjectNode first(ObjectNode body) {
        return (ObjectNode) body.get("verification_requests").get(0);
    }

    private static JsonNode claims(RestResponse response) throws Exception {
        assertThat(response.status()).as(text(response)).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return Json.readTree(SignedJWT.parse(text(response)).getPayload().toString());
    }

    private void assertRefused(ObjectNode body, int status, String message) {
        RestResponse response = post("/attestation", Json.write(body), null);
        assertThat(response.status()).as(text(response)).isEqualTo(status);
        assertThat(text(response)).contains(message);
    }

    @Test
    void attestationAnswersTheRawToken() throws Exception {
        JsonNode cpu0 = claims(post("/attestation", Json.write(structuredRequest()), null)).at("/submods/cpu0");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("contraindicated");
        assertThat(cpu0.at("/ear.veraison.annotated-evidence/runtime_data_claims")).isEqualTo(SampleGuest.RUNTIME_DATA.primaryBinding(""));

        rvps.register(SampleGuest.registration(SampleGuest.MATCHING_SAMPLE_VALUES));
        assertThat(claims(post("/attestation", Json.write(structuredRequest()), null)).at("/submods/cpu0/ear.status").asText())
                .isEqualTo("affirming");
    }

    @Test
    void theGuestsCocoAsRequestNeedsNoRuntimeData() throws Exception {
        String request = "{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\""
                + SampleGuest.base64url("{\"svn\":\"1\",\"report_data\":\"\"}") + "\"}],\"policy_ids\":[]}";
        JsonNode annotated = claims(post("/attestation", request, null)).at("/submods/cpu0/ear.veraison.annotated-evidence");
        assertThat(annotated.get("runtime_data_claims").isNull()).isTrue();
    }

    @Test
    void rawRuntimeDataAndInitData() throws Exception {
        ObjectNode raw = structuredRequest();
        first(raw).putObject("runtime_data").put("raw", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Base64.getDecoder().decode(SampleGuest.REPORT_DATA)));
        assertThat(claims(post("/attestation", Json.write(raw), null)).at("/submods/cpu0/ear.veraison.annotated-evidence/report_data")
                .asText()).isEqualTo(SampleGuest.REPORT_DATA);

        ObjectNode toml = structuredRequest();
        first(toml).putObject("init_data").put("init_data_toml", "version = \"0.1.0\"\nalgorithm = \"sha256\"\n[data]\n\"a.txt\" = \"b\"\n");
        assertThat(claims(post("/attestation", Json.write(toml), null)).at("/submods/cpu0/ear.veraison.annotated-evidence/init_data_claims"))
                .isEqualTo(Json.readTree("{\"a.txt\":\"b\"}"));

        ObjectNode digest = structuredRequest();
        first(digest).putObject("init_data").put("init_data_digest", Base64.getUrlEncoder().encodeToString(new byte[32]));
        assertThat(claims(post("/attestation", Json.write(digest), null)).at("/submods/cpu0/ear.veraison.annotated-evidence/init_data")
                .asText()).isEqualTo(Base64.getEncoder().encodeToString(new byte[32]));
    }

    @Test
    void badAttestationRequestsAreRefusedWithTheReason() {
        assertThat(post("/attestation", "not json", null).status()).isEqualTo(400);
        assertThat(text(post("/attestation", "[]", null))).isEqualTo("the body is not a JSON object");

        ObjectNode noPolicyIds = structuredRequest();
        noPolicyIds.remove("policy_ids");
        assertRefused(noPolicyIds, 400, "policy_ids is missing");
        ObjectNode noRequests = structuredRequest();
        noRequests.putArray("verification_requests");
        assertRefused(noRequests, 400, "no verification requests");
        ObjectNode unknownTee = structuredRequest();
        first(unknownTee).put("tee", "quantum");
        assertRefused(unknownTee, 400, "unknown tee 'quantum'");
        ObjectNode numericEvidence = structuredRequest();
        first(numericEvidence).put("evidence", 5);
        assertRefused(numericEvidence, 400, "evidence is not a string");
        ObjectNode badRuntime = structuredRequest();
        first(badRuntime).putObject("runtime_data").put("raw", "x").put("structured", "y");
        assertRefused(badRuntime, 400, "runtime_data must be");
        ObjectNode badInit = structuredRequest();
        first(badInit).putObject("init_data").put("toml", "x");
        assertRefused(badInit, 400, "init_data must be");
        ObjectNode badHash = structuredRequest();
        first(badHash).put("runtime_data_hash_algorithm", "sha1");
        assertRefused(badHash, 400, "unknown runtime_data_hash_algorithm 'sha1'");

        ObjectNode wrongBinding = structuredRequest();
        ((ObjectNode) first(wrongBinding).get("runtime_data")).set("structured", SampleGuest.RUNTIME_DATA.deviceBinding());
        assertRefused(wrongBinding, 403, "report_data does not match the expected runtime-data digest");
        ObjectNode missingPolicy = structuredRequest();
        missingPolicy.putArray("policy_ids").add("nonexistent");
        assertRefused(missingPolicy, 403, "nonexistent_cpu");
    }

    @Test
    void policiesNeedAnAdministratorAndValidRego() throws Exception {
        String policy = "package policy\nimport rego.v1\ntrust_claims := {\"executables\": 3, \"hardware\": 2, \"configuration\": 2}\n";
        String upload = "{\"type\":\"rego\",\"policy_id\":\"strict_cpu\",\"policy\":\"" + SampleGuest.base64url(policy) + "\"}";

        RestResponse anonymous = post("/policy", upload, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(text(anonymous)).isEqualTo("no admin token");
        assertThat(service.policyIds()).doesNotContain("strict_cpu");

        assertThat(post("/policy", upload, ADMIN).status()).isEqualTo(200);
        JsonNode listed = Json.readTree(get("/policy").body());
        assertThat(listed).contains(Json.readTree("{\"policy-id\":\"strict_cpu\"}"), Json.readTree("{\"policy-id\":\"default_cpu\"}"));

        RestResponse notBase64 = post("/policy", "{\"policy_id\":\"x_cpu\",\"policy\":\"!!\"}", ADMIN);
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(text(notBase64)).isEqualTo("policy is not base64url");
        RestResponse notRego = post("/policy", "{\"policy_id\":\"x_cpu\",\"policy\":\"" + SampleGuest.base64url("package policy\nnot rego") + "\"}", ADMIN);
        assertThat(notRego.status()).isEqualTo(403);
        assertThat(text(notRego)).contains("x_cpu");
        assertThat(post("/policy", "{\"policy\":\"" + SampleGuest.base64url(policy) + "\"}", ADMIN).status()).isEqualTo(400);
        assertThat(service.policyIds()).doesNotContain("x_cpu");
    }

    @Test
    void challengeJwksHealthAndUnknownEndpoints() throws Exception {
        RestResponse challenge = post("/challenge", "{\"tee\":\"sample\",\"tee_params\":\"\"}", null);
        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.body()).isEmpty();
        assertThat(post("/challenge", "{\"tee\":\"se\"}", null).status()).isEqualTo(403);
        assertThat(post("/challenge", "{}", null).status()).isEqualTo(400);

        RestResponse jwks = get("/.well-known/jwks.json");
        assertThat(jwks.contentType()).isEqualTo("application/json");
        assertThat(Json.readTree(jwks.body())).isEqualTo(service.jwks());
        assertThat(get("/healthz").status()).isEqualTo(200);

        assertThat(get("/attestation").status()).isEqualTo(405);
        assertThat(api.handle("DELETE", "/policy", Optional.of(ADMIN), new byte[0]).status()).isEqualTo(405);
        RestResponse unknown = get("/kbs/v0/auth");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(text(unknown)).isEqualTo("no endpoint GET /kbs/v0/auth");
    }
}
