package io.coco4j.bench.report;

import io.coco4j.bench.crypto.PrimitiveBenchmark;
import io.coco4j.bench.crypto.RuntimeDataBindingBenchmark;
import io.coco4j.bench.ear.EarPolicyBenchmark;
import io.coco4j.bench.ear.EarTokenBenchmark;
import io.coco4j.bench.kbs.NoopRequestBenchmark;
import io.coco4j.bench.kbs.ResourcePolicyBenchmark;
import io.coco4j.bench.kbs.ResponseEncryptionBenchmark;

import java.util.Map;

/** The JMH benchmarks of the report: what each measures, and which benchmark method (and parameter) measures it. */
public enum MicroBenchmark {
    P256_SIGN("P-256 ECDSA sign", PrimitiveBenchmark.class, "p256Sign"),
    P256_VERIFY("P-256 ECDSA verify", PrimitiveBenchmark.class, "p256Verify"),
    P256_ECDH("P-256 ECDH agreement", PrimitiveBenchmark.class, "p256Ecdh"),
    P384_SIGN("P-384 ECDSA sign", PrimitiveBenchmark.class, "p384Sign"),
    P384_VERIFY("P-384 ECDSA verify", PrimitiveBenchmark.class, "p384Verify"),
    P256_EPHEMERAL_ECDH("P-256 ECDH, fresh key + agreement", PrimitiveBenchmark.class, "p256EphemeralEcdh"),
    AES_KEY_WRAP("AES-256 key wrap of a 32-byte key", PrimitiveBenchmark.class, "aesKeyWrap"),
    AES_GCM_SMALL("AES-256-GCM of a 32-byte resource", PrimitiveBenchmark.class, "aes256GcmSmall"),
    JCS_SHA384("JCS + SHA-384 of the runtime data", RuntimeDataBindingBenchmark.class, "jcsSha384"),
    NOOP_HTTP("no-op HTTP request (GET /healthz)", NoopRequestBenchmark.class, "healthz", "client", "guest"),
    EAR_SIGN("EAR token sign", EarTokenBenchmark.class, "sign"),
    EAR_VERIFY("EAR token verify", EarTokenBenchmark.class, "verify"),
    JWE_EC_P256("JWE response to an EC P-256 key", ResponseEncryptionBenchmark.class, "encrypt", "teeKey", "EC_P256"),
    JWE_EC_P521("JWE response to an EC P-521 key", ResponseEncryptionBenchmark.class, "encrypt", "teeKey", "EC_P521"),
    JWE_RSA("JWE response to an RSA-OAEP-256 key", ResponseEncryptionBenchmark.class, "encrypt", "teeKey", "RSA_OAEP_256"),
    DEFAULT_CPU_POLICY("default_cpu policy over sample claims", EarPolicyBenchmark.class, "defaultCpu"),
    AFFIRMING_POLICY("affirming resource policy over a sample token", ResourcePolicyBenchmark.class, "affirming"),
    NOOP_HTTP_SOCKET("no-op HTTP request, blocking-socket client", NoopRequestBenchmark.class, "healthz", "client", "socket");

    private final String label;
    private final String benchmark;
    private final Map<String, String> params;

    MicroBenchmark(String label, Class<?> type, String method) {
        this.label = label;
        this.benchmark = type.getName() + "." + method;
        this.params = Map.of();
    }

    MicroBenchmark(String label, Class<?> type, String method, String param, String value) {
        this.label = label;
        this.benchmark = type.getName() + "." + method;
        this.params = Map.of(param, value);
    }

    public String label() {
        return label;
    }

    /** The benchmark's full name, {@code class.method}. */
    public String benchmark() {
        return benchmark;
    }

    /** The JMH parameters that select this figure among the benchmark's. */
    public Map<String, String> params() {
        return params;
    }
}
