package io.coco4j.bench.kbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.bench.ear.SampleAttestation;
import io.coco4j.kbs.policy.BundledResourcePolicy;
import io.coco4j.kbs.policy.PolicyLimitExceededException;
import io.coco4j.kbs.policy.ResourcePolicyStore;
import io.coco4j.storage.Namespace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The resource policy check of a resource request, as a production KBS makes it: the stored
 * {@code affirming} policy (read from storage, compiled once) over the verified claims of a sample
 * handshake's token. It denies, on its last condition (no sample TEE), so every condition is evaluated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResourcePolicyBenchmark {

    private ResourcePolicyStore policies;
    private JsonNode claims;
    private ObjectNode data;

    @Setup(Level.Trial)
    public void setUp(SampleAttestation attestation) throws Exception {
        policies = ResourcePolicyStore.open(attestation.storage().namespace(Namespace.KBS),
                Optional.of(BundledResourcePolicy.AFFIRMING), BundledResourcePolicy.AFFIRMING);
        claims = attestation.claims();
        data = JsonNodeFactory.instance.objectNode();
        data.put("plugin", "resource");
        data.putArray("resource-path").add("default").add("bench").add("key");
        data.putObject("query");
        ObjectNode withoutSample = (ObjectNode) claims.deepCopy();
        ((ObjectNode) withoutSample.at("/submods/cpu0/ear.veraison.annotated-evidence")).remove("sample");
        if (policies.current().allows(claims, data) || !policies.current().allows(withoutSample, data)) {
            throw new IllegalStateException("the affirming policy should refuse the sample TEE and nothing else here");
        }
    }

    @Benchmark
    public boolean affirming() throws PolicyLimitExceededException {
        return policies.current().allows(claims, data);
    }
}
