package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.ear.TokenExtension;
import io.coco4j.as.ear.TrustClaim;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled Rego attestation policies and the engine around them, with a real RVPS. */
class RegoAttestationPolicyEngineTest {

    private static final String SAMPLE_INPUT = "{\"report_data\":\"x\",\"runtime_data_claims\":null,"
            + "\"sample\":{\"svn\":\"1\",\"launch_digest\":\"abcde\",\"platform_version\":{\"major\":1,\"minor\":4},\"debug\":false}}";
    private static final String SAMPLE_VALUES = "{\"launch_digest\":[\"abcde\"],\"svn\":[\"1\"],\"major_version\":1,\"minimum_minor_version\":4}";

    private final MemoryStorage storage = new MemoryStorage();
    private final InMemoryReferenceValueStore referenceValueStore = new InMemoryReferenceValueStore();

    private RegoAttestationPolicyEngine engine(String referenceValues) throws Exception {
        BuiltinReferenceValueProvider rvps = BuiltinReferenceValueProvider.builder(referenceValueStore).extractor(new SampleExtractor()).build();
        if (referenceValues != null) {
            rvps.register("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                    + Base64.getEncoder().encodeToString(referenceValues.getBytes(StandardCharsets.UTF_8)) + "\"}");
        }
        return RegoAttestationPolicyEngine.create(storage, rvps);
    }

    private static ObjectNode input(String json) throws Exception {
        return (ObjectNode) Json.readTree(json);
    }

    private Map<TrustClaim, Integer> claims(String input, String referenceValues) throws Exception {
        return engine(referenceValues).evaluate("default_cpu", input(input)).trustClaims();
    }

    private static String withValue(String values, String name, String json) throws Exception {
        ObjectNode node = (ObjectNode) Json.readTree(values);
        node.set(name, Json.readTree(json));
        return Json.write(node);
    }

    @Test
    void sampleWithMatchingReferenceValuesIsAffirmed() throws Exception {
        assertThat(claims(SAMPLE_INPUT, SAMPLE_VALUES)).containsEntry(TrustClaim.EXECUTABLES, 3).containsEntry(TrustClaim.HARDWARE, 2)
                .containsEntry(TrustClaim.CONFIGURATION, 2).containsEntry(TrustClaim.FILE_SYSTEM, 0)
                .containsEntry(TrustClaim.INSTANCE_IDENTITY, 0).containsEntry(TrustClaim.RUNTIME_OPAQUE, 0)
                .containsEntry(TrustClaim.STORAGE_OPAQUE, 0).containsEntry(TrustClaim.SOURCED_DATA, 0).hasSize(8);
    }

    @Test
    void sampleWithoutReferenceValuesKeepsTheDefaultsExceptConfiguration() throws Exception {
        assertThat(claims(SAMPLE_INPUT, null)).containsEntry(TrustClaim.EXECUTABLES, 33).containsEntry(TrustClaim.HARDWARE, 97)
                .containsEntry(TrustClaim.CONFIGURATION, 2);
    }

    @Test
    void eachHardwareConditionIsRequired() throws Exception {
        assertThat(claims(SAMPLE_INPUT, withValue(SAMPLE_VALUES, "svn", "[\"2\"]"))).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(SAMPLE_INPUT, withValue(SAMPLE_VALUES, "major_version", "2"))).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(SAMPLE_INPUT, withValue(SAMPLE_VALUES, "minimum_minor_version", "5"))).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(SAMPLE_INPUT, withValue(SAMPLE_VALUES, "minimum_minor_version", "3"))).containsEntry(TrustClaim.HARDWARE, 2);
        // numbers compare by value; values of different types never equal
        assertThat(claims(SAMPLE_INPUT, withValue(SAMPLE_VALUES, "major_version", "1.0"))).containsEntry(TrustClaim.HARDWARE, 2);
        assertThat(claims(SAMPLE_INPUT, withValue(SAMPLE_VALUES, "major_version", "\"1\""))).containsEntry(TrustClaim.HARDWARE, 97);
        // `in` needs a collection: a bare string reference value matches nothing
        assertThat(claims(SAMPLE_INPUT, withValue(SAMPLE_VALUES, "svn", "\"1\""))).containsEntry(TrustClaim.HARDWARE, 97);
    }

    @Test
    void debugSampleIsNotAnApprovedConfiguration() throws Exception {
        assertThat(claims(SAMPLE_INPUT.replace("\"debug\":false", "\"debug\":true"), SAMPLE_VALUES)).containsEntry(TrustClaim.CONFIGURATION, 36);
        assertThat(claims(SAMPLE_INPUT.replace(",\"debug\":false", ""), SAMPLE_VALUES)).containsEntry(TrustClaim.CONFIGURATION, 36);
    }

    private static final String SNP = "{\"snp\":{\"measurement\":\"aa\",\"reported_tcb_bootloader\":3,\"reported_tcb_microcode\":115,"
            + "\"reported_tcb_snp\":8,\"reported_tcb_tee\":0,\"policy_debug_allowed\":false,\"policy_migrate_ma\":false,"
            + "\"platform_smt_enabled\":true,\"platform_tsme_enabled\":false,\"policy_abi_major\":0,\"policy_abi_minor\":0,"
            + "\"policy_single_socket\":false,\"policy_smt_allowed\":true},\"report_data\":\"x\"}";
    private static final String SNP_VALUES = "{\"snp_launch_measurement\":[\"aa\"],\"snp_bootloader\":[3],\"snp_microcode\":[115],"
            + "\"snp_snp_svn\":[8],\"snp_tee_svn\":[0],\"snp_smt_enabled\":true,\"snp_tsme_enabled\":false,\"snp_guest_abi_major\":0,"
            + "\"snp_guest_abi_minor\":0,\"snp_single_socket\":false,\"snp_smt_allowed\":true}";

    @Test
    void snpBranch() throws Exception {
        assertThat(claims(SNP, SNP_VALUES)).containsEntry(TrustClaim.EXECUTABLES, 3).containsEntry(TrustClaim.HARDWARE, 2)
                .containsEntry(TrustClaim.CONFIGURATION, 2);
        // a platform setting that differs from the reference values: only the locked-down check passes
        assertThat(claims(SNP, withValue(SNP_VALUES, "snp_smt_enabled", "false"))).containsEntry(TrustClaim.CONFIGURATION, 3);
        // a debuggable guest is never an approved configuration
        assertThat(claims(SNP.replace("\"policy_debug_allowed\":false", "\"policy_debug_allowed\":true"), SNP_VALUES))
                .containsEntry(TrustClaim.CONFIGURATION, 36);
        // TCB rollback: a microcode SVN not among the reference values
        assertThat(claims(SNP.replace("\"reported_tcb_microcode\":115", "\"reported_tcb_microcode\":114"), SNP_VALUES))
                .containsEntry(TrustClaim.HARDWARE, 97);
    }

    private static final String TDX = "{\"tdx\":{\"quote\":{\"header\":{\"tee_type\":\"81000000\",\"vendor_id\":\"939a7233f79c4ca9940a0db3957f0607\"},"
            + "\"body\":{\"mr_td\":\"mrtd\",\"rtmr_1\":\"r1\",\"rtmr_2\":\"r2\",\"xfam\":\"e702060000000000\"}},"
            + "\"td_attributes\":{\"debug\":false},\"tcb_status\":\"UpToDate\",\"collateral_expiration_status\":\"0\","
            + "\"uefi_event_logs\":[{\"type_name\":\"EV_EFI_BOOT_SERVICES_APPLICATION\",\"details\":{\"device_paths\":[\"File(kernel)\"]},"
            + "\"digests\":[{\"alg\":\"SHA-384\",\"digest\":\"kernel\"}]},{\"type_name\":\"EV_EVENT_TAG\","
            + "\"details\":{\"string\":\"LOADED_IMAGE::LoadOptions\"},\"digests\":[{\"alg\":\"SHA-384\",\"digest\":\"params\"}]}]},\"report_data\":\"x\"}";
    private static final String TDX_VALUES = "{\"rtmr_1\":[\"r1\"],\"rtmr_2\":[\"r2\"],\"tdvfkernel\":\"kernel\",\"tdvfkernelparams\":\"params\","
            + "\"mr_td\":[\"mrtd\"],\"xfam\":[\"e702060000000000\"]}";

    @Test
    void tdxBranch() throws Exception {
        assertThat(claims(TDX, TDX_VALUES)).containsEntry(TrustClaim.EXECUTABLES, 3).containsEntry(TrustClaim.HARDWARE, 2)
                .containsEntry(TrustClaim.CONFIGURATION, 2);
        assertThat(claims(TDX, withValue(TDX_VALUES, "tdvfkernel", "\"other\""))).containsEntry(TrustClaim.EXECUTABLES, 4);
        assertThat(claims(TDX.replace("\"UpToDate\"", "\"OutOfDate\""), TDX_VALUES)).containsEntry(TrustClaim.HARDWARE, 97);
        assertThat(claims(TDX.replace("\"debug\":false", "\"debug\":true"), TDX_VALUES)).containsEntry(TrustClaim.CONFIGURATION, 36);
    }

    @Test
    void otherTeesWithoutMatchingValuesKeepTheDefaults() throws Exception {
        assertThat(claims("{\"az-snp-vtpm\":{\"measurement\":\"00\"},\"report_data\":\"x\"}", SAMPLE_VALUES))
                .containsEntry(TrustClaim.EXECUTABLES, 33).containsEntry(TrustClaim.HARDWARE, 97).containsEntry(TrustClaim.CONFIGURATION, 36);
    }

    @Test
    void identifiersExtensionListsImagesAndUidsOfTheAgentPolicy() throws Exception {
        String input = "{\"sample\":{},\"init_data_claims\":{\"agent_policy_claims\":{\"containers\":["
                + "{\"OCI\":{\"Annotations\":{\"io.kubernetes.cri.image-name\":\"pause:3.9\"},\"Process\":{\"User\":{\"UID\":65535}}}},"
                + "{\"OCI\":{\"Annotations\":{\"io.kubernetes.cri.image-name\":\"nginx:1.27\"}}},"
                + "{\"OCI\":{}}]}}}";
        RegoAttestationPolicyEngine engine = engine(null);
        PolicyOutcome outcome = engine.evaluate("default_cpu", input(input));
        assertThat(outcome.extensions()).hasSize(1);
        TokenExtension identifiers = outcome.extensions().get(0);
        assertThat(identifiers.name()).isEqualTo("ear.trustee.identifiers");
        assertThat(identifiers.key()).isEqualTo(-18);
        assertThat(Json.write(identifiers.value())).isEqualTo(
                "{\"validated\":{\"container_images\":[\"pause:3.9\",\"nginx:1.27\"],\"container_uids\":[65535]}}");
        JsonNode none = engine.evaluate("default_cpu", input(SAMPLE_INPUT)).extensions().get(0).value();
        assertThat(none).isEqualTo(Json.readTree("{\"validated\":{}}"));
    }

    @Test
    void gpuPolicyAffirmsASampleDeviceWithAKnownSvnOnlyInHardware() throws Exception {
        PolicyOutcome outcome = engine("{\"device_svn\":[\"2\"]}").evaluate("default_gpu", input("{\"sampledevice\":{\"svn\":\"2\"},\"report_data\":\"x\"}"));
        assertThat(outcome.trustClaims()).containsEntry(TrustClaim.EXECUTABLES, 33).containsEntry(TrustClaim.HARDWARE, 2)
                .containsEntry(TrustClaim.CONFIGURATION, 36).hasSize(8);
        assertThat(outcome.extensions()).isEmpty();
    }

    @Test
    void unknownPolicyIsNotFound() {
        assertThatThrownBy(() -> engine(null).evaluate("default", input(SAMPLE_INPUT)))
                .isInstanceOf(PolicyNotFoundException.class).hasMessageContaining("'default'").hasMessageContaining("default_cpu, default_gpu");
    }

    @Test
    void aReferenceValueLookupThatFailsFailsTheEvaluation() throws Exception {
        io.coco4j.rvps.store.ReferenceValueStore failing = new io.coco4j.rvps.store.ReferenceValueStore() {
            @Override
            public void putAll(List<io.coco4j.rvps.ReferenceValue> values) throws io.coco4j.rvps.ReferenceValueStoreException {
                throw new io.coco4j.rvps.ReferenceValueStoreException("store unavailable");
            }

            @Override
            public Optional<io.coco4j.rvps.ReferenceValue> get(String name) throws io.coco4j.rvps.ReferenceValueStoreException {
                throw new io.coco4j.rvps.ReferenceValueStoreException("store unavailable");
            }

            @Override
            public List<io.coco4j.rvps.ReferenceValue> list() throws io.coco4j.rvps.ReferenceValueStoreException {
                throw new io.coco4j.rvps.ReferenceValueStoreException("store unavailable");
            }

            @Override
            public boolean delete(String name) throws io.coco4j.rvps.ReferenceValueStoreException {
                throw new io.coco4j.rvps.ReferenceValueStoreException("store unavailable");
            }

            @Override
            public String describe() {
                return "failing";
            }

            @Override
            public void close() {
            }
        };
        RegoAttestationPolicyEngine engine = RegoAttestationPolicyEngine.create(storage,
                BuiltinReferenceValueProvider.builder(failing).build());
        assertThatThrownBy(() -> engine.evaluate("default_cpu", input(SAMPLE_INPUT)))
                .isInstanceOf(PolicyEvaluationException.class).hasMessageContaining("store unavailable");
    }

    @Test
    void uploadsAreValidatedAndABadOneLeavesThePreviousInForce() throws Exception {
        RegoAttestationPolicyEngine engine = engine(SAMPLE_VALUES);
        assertThatThrownBy(() -> engine.setPolicy("default_cpu", "package policy\n\ntrust_claims := {\"hardware\": }\n"))
                .isInstanceOf(PolicyCompileException.class).hasMessageContaining("default_cpu.rego:3:");
        assertThat(engine.evaluate("default_cpu", input(SAMPLE_INPUT)).trustClaims()).containsEntry(TrustClaim.HARDWARE, 2);
        assertThat(new String(storage.namespace(Namespace.ATTESTATION_SERVICE_POLICY).get("default_cpu.rego").orElseThrow(),
                StandardCharsets.UTF_8)).isEqualTo(RegoAttestationPolicyEngine.bundled("default_cpu"));

        engine.setPolicy("default_cpu", "package policy\nimport rego.v1\ntrust_claims := {\"hardware\": 2}\n");
        assertThat(engine.evaluate("default_cpu", input(SAMPLE_INPUT)).trustClaims()).containsOnly(Map.entry(TrustClaim.HARDWARE, 2));
    }

    @Test
    void anUploadedPolicySurvivesARestart() throws Exception {
        engine(null).setPolicy("default_cpu", "package policy\ntrust_claims := {\"executables\": 3}\n");
        assertThat(engine(null).evaluate("default_cpu", input(SAMPLE_INPUT)).trustClaims()).containsOnly(Map.entry(TrustClaim.EXECUTABLES, 3));
    }

    @Test
    void anInfiniteRecursionIsStoppedWithAClearError() throws Exception {
        RegoAttestationPolicyEngine engine = engine(null);
        // regorus, like the reference, accepts the text; the depth limit stops the evaluation
        engine.setPolicy("default_cpu", "package policy\nimport rego.v1\nf(x) := f(x + 1)\ntrust_claims := {\"hardware\": f(1)}\n");
        assertThatThrownBy(() -> engine.evaluate("default_cpu", input(SAMPLE_INPUT)))
                .isInstanceOf(PolicyEvaluationException.class).hasMessageContaining("default_cpu");
    }

    @Test
    void aRunawayComprehensionIsStoppedWithAnError() throws Exception {
        RegoAttestationPolicyEngine engine = engine(null);
        engine.setPolicy("default_cpu", "package policy\nimport rego.v1\n"
                + "trust_claims := {\"hardware\": count([x | some x in numbers.range(1, 2000000000)])}\n");
        assertThatThrownBy(() -> engine.evaluate("default_cpu", input(SAMPLE_INPUT))).isInstanceOf(PolicyEvaluationException.class);
    }

    @Test
    void eachReferenceValueIsLookedUpOncePerEvaluation() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.coco4j.rvps.ReferenceValueProvider counting = new io.coco4j.rvps.ReferenceValueProvider() {
            @Override
            public java.util.Optional<com.fasterxml.jackson.databind.JsonNode> query(String name) throws io.coco4j.rvps.RvpsException {
                asked.add(name);
                return java.util.Optional.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add("abcde"));
            }

            @Override
            public void register(String message) {
                throw new UnsupportedOperationException();
            }
        };
        RegoAttestationPolicyEngine engine = RegoAttestationPolicyEngine.create(storage, counting);
        engine.setPolicy("twice", "package policy\nimport rego.v1\n"
                + "a := query_reference_value(\"launch_digest\")\n"
                + "b := query_reference_value(\"launch_digest\")\n"
                + "trust_claims := {\"executables\": 3} if { a == b; input.sample.launch_digest in a }\n"
                + "extensions := [{\"name\": \"x\", \"key\": 1, \"value\": count(query_reference_value(\"launch_digest\"))}]\n");
        assertThat(engine.evaluate("twice", input(SAMPLE_INPUT)).trustClaims()).containsOnly(Map.entry(TrustClaim.EXECUTABLES, 3));
        assertThat(asked).containsExactly("launch_digest");
        engine.evaluate("twice", input(SAMPLE_INPUT));
        assertThat(asked).containsExactly("launch_digest", "launch_digest"); // a new evaluation looks again
    }

    /** The claims the local NVIDIA verifier produces for the Hopper vector, as the policy sees them. */
    private static ObjectNode nvidiaInput() throws Exception {
        ObjectNode input = Json.mapper().createObjectNode();
        input.set("nvidia", Json.readTree(java.nio.file.Files.readAllBytes(
                io.coco4j.protocol.testing.TestVectors.resolve("nvidia/hopperAttestationReport-claims.txt"))));
        return input;
    }

    private static final String GPU_VALUES = "{\"allowed_driver_versions\":[\"550.90.07\"],\"allowed_vbios_versions\":[\"96.00.9f.00.01\"],"
            + "\"allowed_gpu_fwids\":[\"f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d\"],"
            + "\"allowed_gpu_measurements\":{\"2\":\"8048dfd18fe229bf16eb9d30cca0f11a24dafe6eb731de1462984645a0b189b77c4e4e17de727a5e19e3d07de51da338\","
            + "\"12\":[\"00\",\"413d008cedd5526a79455a178154328ce960af252bdb06e7fe4080049add412488cac39ecf3d80efbdc6bdd363861773\"]}}";

    @Test
    void gpuPolicyTrustsALocallyVerifiedNvidiaGpuAsHardwareOnlyWithoutReferenceValues() throws Exception {
        PolicyOutcome outcome = engine(null).evaluate("default_gpu", nvidiaInput());
        assertThat(outcome.trustClaims()).containsEntry(TrustClaim.HARDWARE, 2).containsEntry(TrustClaim.EXECUTABLES, 33)
                .containsEntry(TrustClaim.CONFIGURATION, 36);
    }

    @Test
    void gpuPolicyAffirmsNvidiaDriverVbiosFwidAndMeasurementsAgainstReferenceValues() throws Exception {
        PolicyOutcome outcome = engine(GPU_VALUES).evaluate("default_gpu", nvidiaInput());
        assertThat(outcome.trustClaims()).containsEntry(TrustClaim.HARDWARE, 2).containsEntry(TrustClaim.EXECUTABLES, 3)
                .containsEntry(TrustClaim.CONFIGURATION, 2);

        String otherMeasurement = GPU_VALUES.replace("\"2\":\"8048", "\"2\":\"9048");
        assertThat(engine(otherMeasurement).evaluate("default_gpu", nvidiaInput()).trustClaims()).containsEntry(TrustClaim.EXECUTABLES, 33);
        String otherDriver = GPU_VALUES.replace("550.90.07", "535.0.0");
        assertThat(engine(otherDriver).evaluate("default_gpu", nvidiaInput()).trustClaims()).containsEntry(TrustClaim.CONFIGURATION, 36);
    }

    @Test
    void cpuPolicyAppraisesACcaRealm() throws Exception {
        ObjectNode input = Json.mapper().createObjectNode();
        ObjectNode cca = input.putObject("cca");
        cca.putObject("platform").put("cca-platform-lifecycle", 12291);
        cca.putObject("realm").put("cca-realm-initial-measurement", "rim");
        assertThat(engine(null).evaluate("default_cpu", input).trustClaims()).containsEntry(TrustClaim.HARDWARE, 2)
                .containsEntry(TrustClaim.CONFIGURATION, 2).containsEntry(TrustClaim.EXECUTABLES, 33);
        assertThat(engine("{\"cca.realm.cca-realm-initial-measurement\":[\"rim\"]}").evaluate("default_cpu", input).trustClaims())
                .containsEntry(TrustClaim.EXECUTABLES, 3);
        ((ObjectNode) cca.get("platform")).put("cca-platform-lifecycle", 20480);
        assertThat(engine(null).evaluate("default_cpu", input).trustClaims()).containsEntry(TrustClaim.CONFIGURATION, 36);
    }
}
