package io.coco4j.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.ear.TrustClaim;
import io.coco4j.as.policy.AttestationPolicyEngine;
import io.coco4j.as.policy.InvalidPolicyOutputException;
import io.coco4j.as.policy.PolicyNotFoundException;
import io.coco4j.as.policy.PolicyOutcome;
import io.coco4j.as.policy.PolicyCompileException;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.UnsupportedTeeException;
import io.coco4j.verifier.VerifierRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttestationServiceTest {

    private final MemoryStorage storage = new MemoryStorage();
    private final InMemoryReferenceValueStore referenceValueStore = new InMemoryReferenceValueStore();

    private BuiltinReferenceValueProvider rvps() throws Exception {
        return BuiltinReferenceValueProvider.builder(referenceValueStore).extractor(new SampleExtractor()).build();
    }

    private AttestationService service(VerifierRegistry.Mode mode, EarTokenBrokerSettings settings) throws Exception {
        return AttestationService.create(storage, settings, VerifierRegistry.create(mode), rvps());
    }

    private AttestationService devService() throws Exception {
        return service(VerifierRegistry.Mode.DEVELOPMENT, EarTokenBrokerSettings.defaults());
    }

    private static VerificationRequest sampleRequest(JsonNode runtimeData, InitDataInput initData) throws Exception {
        return new VerificationRequest(Tee.SAMPLE, Json.readTree(SampleGuest.B1_EVIDENCE), RuntimeDataInput.structured(runtimeData), initData, HashAlgorithm.SHA384);
    }

    private static JsonNode claimsOf(String token) throws Exception {
        return Json.readTree(SignedJWT.parse(token).getPayload().toString());
    }


    @Test
    void sampleEvidenceEndToEndGivesASignedEarToken() throws Exception {
        AttestationService service = devService();
        String token = service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default"));

        SignedJWT jwt = SignedJWT.parse(token);
        ECKey published = (ECKey) JWKSet.parse(Json.write(service.jwks())).getKeys().get(0);
        assertThat(jwt.verify(new ECDSAVerifier(published))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("JWT");
        assertThat(Json.readTree(jwt.getHeader().getJWK().toJSONString())).isEqualTo(service.jwks().get("keys").get(0));

        JsonNode claims = claimsOf(token);
        assertThat(claims.get("eat_profile").asText()).isEqualTo("tag:github.com,2024:confidential-containers/Trustee");
        assertThat(claims.get("iss").asText()).isEqualTo("CoCo-Attestation-Service");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        assertThat(claims.at("/ear.verifier-id/developer").asText()).isEqualTo("https://confidentialcontainers.org");
        assertThat(claims.get("submods").size()).isEqualTo(1);

        JsonNode cpu0 = claims.at("/submods/cpu0");
        assertThat(cpu0.get("ear.appraisal-policy-id").asText()).isEqualTo("default");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("contraindicated"); // empty RVPS
        assertThat(cpu0.get("ear.trustworthiness-vector")).isEqualTo(Json.readTree("{\"instance-identity\":0,\"configuration\":2,"
                + "\"executables\":33,\"file-system\":0,\"hardware\":97,\"runtime-opaque\":0,\"storage-opaque\":0,\"sourced-data\":0}"));
        assertThat(cpu0.get("ear.trustee.identifiers")).isEqualTo(Json.readTree("{\"validated\":{}}"));

        JsonNode evidence = cpu0.get("ear.veraison.annotated-evidence");
        assertThat(evidence.fieldNames()).toIterable().containsExactly("report_data", "runtime_data_claims", "sample");
        assertThat(evidence.get("report_data").asText()).isEqualTo("EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi");
        assertThat(evidence.get("runtime_data_claims")).isEqualTo(SampleGuest.RUNTIME_DATA.primaryBinding(""));
        assertThat(evidence.get("sample")).isEqualTo(Json.readTree(
                "{\"svn\":\"1\",\"launch_digest\":\"abcde\",\"platform_version\":{\"major\":1,\"minor\":4},\"debug\":false}"));
        // The KBS finds the TEE key at the reference's EAR pointer.
        assertThat(claims.at("/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/tee-pubkey"))
                .isEqualTo(SampleGuest.RUNTIME_DATA.teePubkey().toJson());
    }

    @Test
    void tokenHasTheClaimStructureOfTheReferenceExample() throws Exception {
        JsonNode example = Json.readTree(Files.readString(TestVectors.resolve("as-token/example.token.json")));
        JsonNode claims = claimsOf(devService().evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""),
                InitDataInput.toml(InitDataDocumentTest.B4))), List.of("default")));

        assertThat(fieldNames(claims)).containsAll(fieldNames(example));
        assertThat(fieldNames(claims.get("ear.verifier-id"))).containsExactlyInAnyOrderElementsOf(fieldNames(example.get("ear.verifier-id")));
        JsonNode exampleCpu0 = example.at("/submods/cpu0");
        JsonNode cpu0 = claims.at("/submods/cpu0");
        assertThat(fieldNames(cpu0)).containsAll(fieldNames(exampleCpu0));
        assertThat(fieldNames(cpu0.get("ear.trustworthiness-vector")))
                .containsExactlyInAnyOrderElementsOf(fieldNames(exampleCpu0.get("ear.trustworthiness-vector")));
        // The example is an sgx token; ours holds the same top-level evidence members with the TEE name swapped.
        List<String> exampleEvidence = fieldNames(exampleCpu0.get("ear.veraison.annotated-evidence"));
        exampleEvidence.replaceAll(name -> name.equals("sgx") ? "sample" : name);
        assertThat(fieldNames(cpu0.get("ear.veraison.annotated-evidence"))).containsExactlyElementsOf(exampleEvidence);
        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.get("exp").isIntegralNumber()).isTrue();
        for (Iterator<JsonNode> it = cpu0.get("ear.trustworthiness-vector").elements(); it.hasNext(); ) {
            assertThat(it.next().isInt()).isTrue();
        }
    }

    @Test
    void affirmingOnceTheRvpsHoldsMatchingSampleValues() throws Exception {
        AttestationService service = devService();
        service.referenceValues().register(SampleGuest.registration(SampleGuest.MATCHING_SAMPLE_VALUES));

        JsonNode cpu0 = claimsOf(service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)),
                List.of("default"))).at("/submods/cpu0");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("affirming");
        assertThat(cpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(3);
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(2);
        assertThat(cpu0.at("/ear.trustworthiness-vector/configuration").asInt()).isEqualTo(2);
    }

    @Test
    void contraindicatedWhenTheReferenceValuesDoNotMatch() throws Exception {
        AttestationService service = devService();
        service.referenceValues().register(SampleGuest.registration(SampleGuest.MATCHING_SAMPLE_VALUES.replace("\"svn\":[\"1\"]", "\"svn\":[\"2\"]")));
        JsonNode cpu0 = claimsOf(service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)),
                List.of("default"))).at("/submods/cpu0");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("contraindicated");
        assertThat(cpu0.at("/ear.trustworthiness-vector/executables").asInt()).isEqualTo(3);
        assertThat(cpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(97);
    }

    @Test
    void wrongNonceIsAVerificationError() throws Exception {
        RuntimeData otherNonce = new RuntimeData("AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", SampleGuest.RUNTIME_DATA.teePubkey());
        assertThatThrownBy(() -> devService().evaluate(List.of(sampleRequest(otherNonce.primaryBinding(""), InitDataInput.NONE)), List.of("default")))
                .isInstanceOfSatisfying(EvidenceVerificationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AttestationException.Kind.VERIFICATION);
                    assertThat(e.tee()).isEqualTo(Tee.SAMPLE);
                    assertThat(e.failure()).isInstanceOf(ReportDataMismatchException.class);
                    assertThat(e.reason()).startsWith("sample evidence verification failed: ").doesNotContain(SampleGuest.NONCE);
                });
    }

    @Test
    void wrongReportDataIsAVerificationError() throws Exception {
        VerificationRequest request = new VerificationRequest(Tee.SAMPLE, Json.readTree("{\"svn\":\"1\",\"report_data\":\"AAAA\"}"),
                RuntimeDataInput.structured(SampleGuest.RUNTIME_DATA.primaryBinding("")), InitDataInput.NONE, HashAlgorithm.SHA384);
        assertThatThrownBy(() -> devService().evaluate(List.of(request), List.of("default")))
                .isInstanceOfSatisfying(EvidenceVerificationException.class, e -> assertThat(e.failure()).isInstanceOf(ReportDataMismatchException.class));

        VerificationRequest malformed = new VerificationRequest(Tee.SAMPLE, Json.readTree("{\"report_data\":\"AAAA\"}"),
                RuntimeDataInput.NONE, InitDataInput.NONE, HashAlgorithm.SHA384);
        assertThatThrownBy(() -> devService().evaluate(List.of(malformed), List.of("default")))
                .isInstanceOfSatisfying(EvidenceVerificationException.class, e -> assertThat(e.failure()).isInstanceOf(MalformedEvidenceException.class));
    }

    @Test
    void hashAlgorithmOfTheRequestIsUsed() throws Exception {
        byte[] sha512 = HashAlgorithm.SHA512.digest(io.coco4j.protocol.canonical.Jcs.canonicalize(SampleGuest.RUNTIME_DATA.primaryBinding("")));
        JsonNode evidence = Json.readTree("{\"svn\":\"1\",\"report_data\":\"" + Base64.getEncoder().encodeToString(sha512) + "\"}");
        AttestationService service = devService();
        service.evaluate(List.of(new VerificationRequest(Tee.SAMPLE, evidence, RuntimeDataInput.structured(SampleGuest.RUNTIME_DATA.primaryBinding("")),
                InitDataInput.NONE, HashAlgorithm.SHA512)), List.of("default"));
        assertThatThrownBy(() -> service.evaluate(List.of(new VerificationRequest(Tee.SAMPLE, evidence,
                RuntimeDataInput.structured(SampleGuest.RUNTIME_DATA.primaryBinding("")), InitDataInput.NONE, HashAlgorithm.SHA384)), List.of("default")))
                .isInstanceOf(EvidenceVerificationException.class);
    }

    @Test
    void rawRuntimeDataIsComparedAsIsAndGivesNoRuntimeClaims() throws Exception {
        byte[] digest = HexFormat.of().parseHex("1147b1af549c26b6863daf32fc064834beaa470ddb06fd5c57c44363cb2e86f11c4d80906326c2154d2b96d47de1ac62");
        JsonNode evidence = claimsOf(devService().evaluate(List.of(new VerificationRequest(Tee.SAMPLE, Json.readTree(SampleGuest.B1_EVIDENCE),
                RuntimeDataInput.raw(digest), InitDataInput.NONE, null)), List.of("default"))).at("/submods/cpu0/ear.veraison.annotated-evidence");
        assertThat(evidence.get("runtime_data_claims").isNull()).isTrue();
        assertThat(evidence.get("report_data").asText()).isEqualTo("EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi");
    }

    @Test
    void initDataDigestAndClaimsOfTheGuestSpecDocument() throws Exception {
        JsonNode evidence = claimsOf(devService().evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""),
                InitDataInput.toml(InitDataDocumentTest.B4))), List.of("default"))).at("/submods/cpu0/ear.veraison.annotated-evidence");
        assertThat(evidence.fieldNames()).toIterable().containsExactly("init_data", "init_data_claims", "report_data", "runtime_data_claims", "sample");
        assertThat(evidence.get("init_data").asText()).isEqualTo("fhHRsIS6eznoVciUHhDmRAN+wkN7U5UOrNUYtddgL2/xPPHeL9ws0g3u9gGCTp5l");
        assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(evidence.get("init_data").asText()))).isEqualTo(
                "7e11d1b084ba7b39e855c8941e10e644037ec2437b53950eacd518b5d7602f6ff13cf1de2fdc2cd20deef601824e9e65");
        assertThat(evidence.get("init_data_claims")).isEqualTo(Json.readTree(
                "{\"aa.toml\":{\"token_configs\":{\"kbs\":{\"url\":\"http://10.0.0.1:8080\"}}}}"));
        assertThat(evidence.get("sample").has("init_data")).isFalse();
    }

    @Test
    void initDataDigestAloneGivesNullClaims() throws Exception {
        JsonNode evidence = claimsOf(devService().evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""),
                InitDataInput.digest(new byte[] {1, 2, 3}))), List.of("default"))).at("/submods/cpu0/ear.veraison.annotated-evidence");
        assertThat(evidence.get("init_data").asText()).isEqualTo("AQID");
        assertThat(evidence.get("init_data_claims").isNull()).isTrue();
    }

    @Test
    void badInitDataIsAnInitDataError() throws Exception {
        assertThatThrownBy(() -> devService().evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""),
                InitDataInput.toml(InitDataDocumentTest.B4.replace("sha384", "SHA384")))), List.of("default")))
                .isInstanceOfSatisfying(InitDataException.class, e -> assertThat(e.kind()).isEqualTo(AttestationException.Kind.INIT_DATA));
        assertThatThrownBy(() -> devService().evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""),
                InitDataInput.toml("not = [toml"))), List.of("default")))
                .isInstanceOf(InitDataException.class);
    }

    @Test
    void unsupportedInitDataFormatIsRefusedBeforeEvaluation() {
        assertThatThrownBy(() -> InitDataInput.fromAttestation(new io.coco4j.protocol.rcar.InitData("json", "{}")))
                .isInstanceOf(UnsupportedInitDataFormatException.class);
    }

    @Test
    void sampleIsRefusedWhenNotAllowed() throws Exception {
        AttestationService production = service(VerifierRegistry.Mode.PRODUCTION, EarTokenBrokerSettings.defaults());
        assertThatThrownBy(() -> production.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default")))
                .isInstanceOfSatisfying(EvidenceVerificationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(UnsupportedTeeException.class);
                    assertThat(e.reason()).contains("production mode");
                });
    }

    @Test
    void unregisteredTeeIsAVerificationError() throws Exception {
        VerificationRequest snp = new VerificationRequest(Tee.SNP, Json.readTree("{}"), RuntimeDataInput.NONE, InitDataInput.NONE, null);
        assertThatThrownBy(() -> devService().evaluate(List.of(snp), List.of("default")))
                .isInstanceOfSatisfying(EvidenceVerificationException.class, e -> assertThat(e.failure()).isInstanceOf(UnsupportedTeeException.class));
    }

    @Test
    void deviceEvidenceBecomesAGpuSubmod() throws Exception {
        byte[] deviceDigest = RuntimeData.digest(SampleGuest.RUNTIME_DATA.deviceBinding(), HashAlgorithm.SHA384);
        ObjectNode deviceEvidence = JsonNodeFactory.instance.objectNode().put("svn", "2").put("report_data", Base64.getEncoder().encodeToString(deviceDigest));
        String additional = Json.write(Map.of("sampledevice", deviceEvidence));
        ObjectNode primaryBinding = SampleGuest.RUNTIME_DATA.primaryBinding(additional);
        byte[] primaryDigest = RuntimeData.digest(primaryBinding, HashAlgorithm.SHA384);
        JsonNode primaryEvidence = Json.readTree("{\"svn\":\"1\",\"report_data\":\"" + Base64.getEncoder().encodeToString(primaryDigest) + "\"}");

        List<VerificationRequest> requests = List.of(
                new VerificationRequest(Tee.SAMPLE, primaryEvidence, RuntimeDataInput.structured(primaryBinding), InitDataInput.NONE, HashAlgorithm.SHA384),
                new VerificationRequest(Tee.SAMPLE_DEVICE, deviceEvidence, RuntimeDataInput.structured(SampleGuest.RUNTIME_DATA.deviceBinding()), InitDataInput.NONE, HashAlgorithm.SHA384),
                new VerificationRequest(Tee.SAMPLE_DEVICE, deviceEvidence, RuntimeDataInput.structured(SampleGuest.RUNTIME_DATA.deviceBinding()), InitDataInput.NONE, HashAlgorithm.SHA384));
        AttestationService service = devService();
        service.referenceValues().register(SampleGuest.registration(SampleGuest.MATCHING_SAMPLE_VALUES));
        JsonNode claims = claimsOf(service.evaluate(requests, List.of("default")));

        assertThat(claims.get("submods").fieldNames()).toIterable().containsExactly("cpu0", "gpu0", "gpu1");
        assertThat(claims.at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");
        assertThat(claims.at("/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/additional-evidence").asText()).isEqualTo(additional);
        JsonNode gpu0 = claims.at("/submods/gpu0");
        assertThat(gpu0.get("ear.status").asText()).isEqualTo("contraindicated");
        assertThat(gpu0.get("ear.appraisal-policy-id").asText()).isEqualTo("default");
        assertThat(gpu0.at("/ear.trustworthiness-vector/hardware").asInt()).isEqualTo(97);
        assertThat(gpu0.has("ear.trustee.identifiers")).isFalse();
        assertThat(gpu0.get("ear.veraison.annotated-evidence")).isEqualTo(Json.readTree("{\"report_data\":\""
                + deviceEvidence.get("report_data").asText() + "\",\"runtime_data_claims\":" + Json.write(SampleGuest.RUNTIME_DATA.deviceBinding())
                + ",\"sampledevice\":{\"svn\":\"2\"}}"));
    }

    @Test
    void withoutVerboseTokensTheAdditionalEvidenceIsLeftOut() throws Exception {
        AttestationService service = service(VerifierRegistry.Mode.DEVELOPMENT, EarTokenBrokerSettings.defaults().withVerboseToken(false));
        JsonNode runtime = claimsOf(service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default")))
                .at("/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims");
        assertThat(runtime.has("additional-evidence")).isFalse();
        assertThat(runtime.get("nonce").asText()).isEqualTo(SampleGuest.NONCE);
    }

    @Test
    void policyIdIsSuffixedWithTheClassForLookupOnly() throws Exception {
        AttestationService service = devService();
        assertThatThrownBy(() -> service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("custom")))
                .isInstanceOfSatisfying(AttestationPolicyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AttestationException.Kind.POLICY);
                    assertThat(e.policyId()).isEqualTo("custom_cpu");
                    assertThat(e.failure()).isInstanceOf(PolicyNotFoundException.class);
                });
        // Only the first id counts.
        JsonNode claims = claimsOf(service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default", "custom")));
        assertThat(claims.at("/submods/cpu0/ear.appraisal-policy-id").asText()).isEqualTo("default");
    }

    @Test
    void emptyRequestsOrPolicyIdsAreInvalid() throws Exception {
        AttestationService service = devService();
        assertThatThrownBy(() -> service.evaluate(List.of(), List.of("default")))
                .isInstanceOfSatisfying(InvalidAttestationRequestException.class, e -> assertThat(e.kind()).isEqualTo(AttestationException.Kind.INVALID_REQUEST));
        assertThatThrownBy(() -> service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of()))
                .isInstanceOf(InvalidAttestationRequestException.class);
    }

    @Test
    void anUploadedPolicyDecidesTheNextToken() throws Exception {
        AttestationService service = devService();
        assertThat(service.policyIds()).containsExactly("default_cpu", "default_gpu");
        service.setPolicy("default_cpu", "package policy\nimport rego.v1\ntrust_claims := {\"hardware\": 2, \"executables\": 3, \"configuration\": 2}\n");
        JsonNode claims = claimsOf(service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default")));
        assertThat(claims.at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");
        assertThatThrownBy(() -> service.setPolicy("default_cpu", "package policy\nallow if {"))
                .isInstanceOf(PolicyCompileException.class).hasMessageContaining("default_cpu.rego:2:");
        // the previous policy stays in force
        claims = claimsOf(service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default")));
        assertThat(claims.at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");
    }

    @Test
    void aPolicyEngineCanBePluggedInAndItsOutputIsChecked() throws Exception {
        AttestationPolicyEngine outOfRange = new AttestationPolicyEngine() {
            @Override
            public PolicyOutcome evaluate(String policyId, ObjectNode input) throws InvalidPolicyOutputException {
                assertThat(policyId).isEqualTo("default_cpu");
                assertThat(input.has("sample")).isTrue();
                return new PolicyOutcome(Map.of(TrustClaim.HARDWARE, 300), List.of());
            }

            @Override
            public void setPolicy(String policyId, String policyText) {
            }

            @Override
            public List<String> policyIds() {
                return List.of("default_cpu");
            }
        };
        AttestationService service = AttestationService.builder().tokenBroker(EarTokenBrokerSettings.defaults())
                .verifiers(VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT)).referenceValues(rvps()).policyEngine(outOfRange).build();
        assertThatThrownBy(() -> service.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default")))
                .isInstanceOfSatisfying(AttestationPolicyException.class, e -> assertThat(e.reason()).contains("-128..127"));
    }

    @Test
    void eachServiceSignsWithItsOwnFreshKey() throws Exception {
        AttestationService one = devService();
        AttestationService two = devService();
        String token = one.evaluate(List.of(sampleRequest(SampleGuest.RUNTIME_DATA.primaryBinding(""), InitDataInput.NONE)), List.of("default"));
        ECKey otherKey = (ECKey) JWKSet.parse(Json.write(two.jwks())).getKeys().get(0);
        assertThat(SignedJWT.parse(token).verify(new ECDSAVerifier(otherKey))).isFalse();
    }

    @Test
    void builderNeedsItsParts() {
        assertThatThrownBy(() -> AttestationService.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AttestationService.builder().tokenBroker(EarTokenBrokerSettings.defaults())
                .verifiers(VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT)).referenceValues(rvps()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("storage");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
