package io.coco4j.bench.rego;

import io.coco4j.as.policy.RegoAttestationPolicyEngine;
import io.coco4j.rego.Compatibility;
import io.coco4j.rego.PolicySource;
import io.coco4j.rego.PreparedPolicy;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.RuleResult;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.NullValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluates a CoCo-style EAR attestation policy (the Attestation Service's {@code default_cpu}) over TDX-like
 * claim sets: the trust claims and the identifiers extension, with reference values served by a
 * host function from memory. Each invocation takes the next of many distinct claim sets (random
 * measurements, some matching the reference values, some not). {@code extraRules} adds that many
 * unrelated rules to the policy to show how evaluation scales with policy size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttestationPolicyBenchmark {
    private static final int CLAIM_SETS = 256;
    private static final List<String> OUTPUTS = List.of("data.policy.trust_claims", "data.policy.extensions");

    @Param({"0", "1000"})
    public int extraRules;

    private PreparedPolicy policy;
    private Value[] claims;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(42);
        Map<String, Value> references = new HashMap<>();
        String[] rtmr1 = hexes(random, 4, 48);
        String[] rtmr2 = hexes(random, 4, 48);
        String[] mrTd = hexes(random, 4, 48);
        // the kernel and its command line have one reference digest each, compared with ==
        String[] kernel = hexes(random, 1, 48);
        String[] params = hexes(random, 1, 48);
        references.put("rtmr_1", strings(rtmr1));
        references.put("rtmr_2", strings(rtmr2));
        references.put("mr_td", strings(mrTd));
        references.put("tdvfkernel", StringValue.of(kernel[0]));
        references.put("tdvfkernelparams", StringValue.of(params[0]));
        references.put("xfam", strings(new String[] {"e742060000000000", "e718060000000000"}));

        // the default_cpu policy the Attestation Service ships, evaluated as the AS evaluates it
        String text = RegoAttestationPolicyEngine.bundled("default_cpu");
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < extraRules; i++) {
            sb.append("\nunrelated_").append(i).append(" if input.tdx.quote.body.report_data == \"").append(i).append("\"\n");
        }
        RegoEngine engine = RegoEngine.builder().compatibility(Compatibility.REGORUS).hostFunction("query_reference_value", 1, args -> {
            Value v = references.get(((StringValue) args.get(0)).value());
            return v == null ? NullValue.INSTANCE : v;
        }).build();
        policy = engine.prepare(new PolicySource("default_cpu.rego", sb.toString()));

        claims = new Value[CLAIM_SETS];
        for (int i = 0; i < CLAIM_SETS; i++) {
            boolean good = i % 4 != 3;
            claims[i] = claimSet(random, good ? pick(random, rtmr1) : hex(random, 48), pick(random, rtmr2),
                    good ? pick(random, mrTd) : hex(random, 48), i % 2 == 0 ? pick(random, kernel) : hex(random, 48),
                    pick(random, params), i % 8 == 5);
        }
        Value sample = policy.evaluation().input(claims[0]).rule("data.policy.trust_claims").value();
        if (!Json.parse("{\"configuration\":2,\"executables\":3,\"file-system\":0,\"hardware\":2,\"instance-identity\":0,"
                + "\"runtime-opaque\":0,\"sourced-data\":0,\"storage-opaque\":0}").equals(sample)) {
            throw new IllegalStateException("unexpected trust claims " + sample);
        }
    }

    private static String hex(Random r, int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String[] hexes(Random r, int n, int bytes) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = hex(r, bytes);
        }
        return out;
    }

    private static Value strings(String[] xs) {
        Value[] out = new Value[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = StringValue.of(xs[i]);
        }
        return ArrayValue.wrap(out);
    }

    private static String pick(Random r, String[] xs) {
        return xs[r.nextInt(xs.length)];
    }

    private static Value claimSet(Random r, String rtmr1, String rtmr2, String mrTd, String kernel, String params, boolean debug) {
        String json = """
                {"tdx": {
                  "quote": {
                    "header": {"version": "0400", "att_key_type": "0200", "tee_type": "81000000",
                               "vendor_id": "939a7233f79c4ca9940a0db3957f0607", "user_data": "%s"},
                    "body": {"tcb_svn": "03000500000000000000000000000000", "mr_seam": "%s", "mrsigner_seam": "%s",
                             "seam_attributes": "0000000000000000", "td_attributes": "0000001000000000",
                             "xfam": "e742060000000000", "mr_td": "%s", "mr_config_id": "%s", "mr_owner": "%s",
                             "mr_owner_config": "%s", "rtmr_0": "%s", "rtmr_1": "%s", "rtmr_2": "%s", "rtmr_3": "%s",
                             "report_data": "%s"}
                  },
                  "td_attributes": {"debug": %s, "key_locker": false, "perfmon": false, "protection_keys": false,
                                    "septve_disable": true},
                  "uefi_event_logs": [
                    {"index": 1, "type_name": "EV_EFI_ACTION", "digests": [{"alg": "SHA-384", "digest": "%s"}], "details": {}},
                    {"index": 2, "type_name": "EV_EFI_BOOT_SERVICES_APPLICATION",
                     "digests": [{"alg": "SHA-384", "digest": "%s"}],
                     "details": {"device_paths": ["PciRoot(0x0)/Pci(0x1,0x0)", "File(kernel)"]}},
                    {"index": 3, "type_name": "EV_EVENT_TAG", "digests": [{"alg": "SHA-384", "digest": "%s"}],
                     "details": {"string": "LOADED_IMAGE::LoadOptions"}}
                  ],
                  "report_data": "%s", "init_data": "%s",
                  "tcb_status": "UpToDate", "collateral_expiration_status": "0", "advisory_ids": []
                },
                "init_data_claims": {"agent_policy_claims": {"containers": [
                  {"OCI": {"Annotations": {"io.kubernetes.cri.image-name": "registry.example/app:%d"}, "Process": {"User": {"UID": %d}}}},
                  {"OCI": {"Annotations": {"io.kubernetes.cri.image-name": "registry.example/sidecar:1"}, "Process": {"User": {"UID": 0}}}}
                ]}}}
                """.formatted(hex(r, 16), hex(r, 48), hex(r, 48), mrTd, hex(r, 48), hex(r, 48), hex(r, 48), hex(r, 48),
                rtmr1, rtmr2, hex(r, 48), hex(r, 64), debug, hex(r, 48), kernel, params, hex(r, 64), hex(r, 48),
                r.nextInt(1000), r.nextInt(65536));
        return Json.parse(json);
    }

    /** What the attestation service evaluates per submod: the trust claims and the extensions, in one evaluation. */
    @Benchmark
    public List<RuleResult> trustClaimsAndExtensions() {
        Value in = claims[next];
        next = (next + 1) % CLAIM_SETS;
        return policy.evaluation().input(in).rules(OUTPUTS);
    }

    @Benchmark
    public RuleResult trustClaims() {
        Value in = claims[next];
        next = (next + 1) % CLAIM_SETS;
        return policy.evaluation().input(in).rule("data.policy.trust_claims");
    }
}
