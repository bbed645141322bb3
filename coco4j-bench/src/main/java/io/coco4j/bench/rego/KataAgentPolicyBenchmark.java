package io.coco4j.bench.rego;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.PolicySource;
import io.coco4j.rego.PreparedPolicy;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.RuleResult;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.conformance.ConformanceRunner;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Evaluates each recorded request of a Kata agent-policy case (by default the largest shared one,
 * {@code k8s-policy-rc}) against its policy, as the agent would: Rego v0, regorus compatibility,
 * non-strict builtins, prints discarded. Every invocation gets a distinct copy of the request
 * (an extra, unused field carries a counter) so no per-input result could be reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KataAgentPolicyBenchmark {
    private static final int VARIANTS = 64;

    @Param({"k8s-policy-rc"})
    public String policyCase;

    @Param({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"})
    public int request;

    private PreparedPolicy policy;
    private String rule;
    private Value[] inputs;
    private Value expected;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = BenchVectors.root().resolve("rego-kata").resolve(policyCase);
        RegoEngine engine = RegoEngine.builder().regoVersion(RegoVersion.V0).compatibility(Compatibility.REGORUS)
                .strictBuiltinErrors(false).build();
        policy = engine.prepare(new PolicySource(dir.resolve("policy.rego").toString(),
                Files.readString(dir.resolve("policy.rego"), StandardCharsets.UTF_8)));
        List<String> requests = ConformanceRunner.kataRequests(Files.readString(dir.resolve("inputs.txt"), StandardCharsets.UTF_8));
        ArrayValue req = (ArrayValue) Json.parse(requests.get(request));
        rule = "data.agent_policy." + ((StringValue) req.get(0)).value();
        expected = ((ArrayValue) Json.parse(Files.readString(dir.resolve("outputs.json"), StandardCharsets.UTF_8))).get(request);
        inputs = new Value[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            ObjectValue body = (ObjectValue) req.get(1);
            inputs[i] = body.with(StringValue.of("bench_variant"), NumberValue.of(i));
            RuleResult r = policy.evaluation().input(inputs[i]).rule(rule);
            if (!expected.equals(r.value())) {
                throw new IllegalStateException(rule + " variant " + i + " gave " + r.value() + ", recorded " + expected);
            }
        }
    }

    @Benchmark
    public RuleResult evaluateRequest() {
        Value in = inputs[next];
        next = (next + 1) % VARIANTS;
        return policy.evaluation().input(in).rule(rule);
    }
}
