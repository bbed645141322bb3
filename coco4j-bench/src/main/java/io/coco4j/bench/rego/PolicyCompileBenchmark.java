package io.coco4j.bench.rego;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.PolicySource;
import io.coco4j.rego.PreparedPolicy;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.ast.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/** Parse and compile time of the shared Kata agent policies (done once per policy, not per request). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyCompileBenchmark {
    @Param({"k8s-policy-job", "k8s-policy-pod", "k8s-policy-rc"})
    public String policyCase;

    private RegoEngine engine;
    private String text;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = RegoEngine.builder().regoVersion(RegoVersion.V0).compatibility(Compatibility.REGORUS).build();
        text = Files.readString(BenchVectors.root().resolve("rego-kata").resolve(policyCase).resolve("policy.rego"),
                StandardCharsets.UTF_8);
    }

    @Benchmark
    public PreparedPolicy prepare() {
        return engine.prepare(new PolicySource("policy.rego", text));
    }
}
