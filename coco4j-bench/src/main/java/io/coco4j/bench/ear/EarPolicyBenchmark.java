package io.coco4j.bench.ear;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.policy.PolicyOutcome;
import io.coco4j.as.policy.RegoAttestationPolicyEngine;
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

import java.util.concurrent.TimeUnit;

/**
 * The Attestation Service's appraisal of one sample submod: the shipped {@code default_cpu} policy
 * through the AS's policy engine (stored policy, compiled once, reference values from the RVPS).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EarPolicyBenchmark {

    private RegoAttestationPolicyEngine policies;
    private ObjectNode input;

    @Setup(Level.Trial)
    public void setUp(SampleAttestation attestation) throws Exception {
        policies = RegoAttestationPolicyEngine.create(attestation.storage(), attestation.referenceValues());
        input = attestation.annotatedEvidence();
    }

    @Benchmark
    public PolicyOutcome defaultCpu() throws Exception {
        return policies.evaluate("default_cpu", input);
    }
}
