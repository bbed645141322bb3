package io.coco4j.bench.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.as.ear.Appraisal;
import io.coco4j.as.ear.EarTokenBroker;
import io.coco4j.as.ear.TrustVector;
import io.coco4j.as.policy.PolicyOutcome;
import io.coco4j.as.policy.RegoAttestationPolicyEngine;
import io.coco4j.kbs.token.AttestationTokenVerifier;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The EAR token of a sample handshake: signing it as the Attestation Service does (claims to JSON,
 * ES256 with the data directory's signer) and verifying it as the KBS does the first time a token
 * comes (parse, header key endorsed by its x5c chain, remembered after the first time, signature,
 * expiry). Later requests with the same token find it among the verified tokens, which is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EarTokenBenchmark {

    private EarTokenBroker broker;
    private Map<String, Appraisal> submods;
    private AttestationTokenVerifier verifier;
    private String token;

    @Setup(Level.Trial)
    public void setUp(SampleAttestation attestation) throws Exception {
        broker = EarTokenBroker.create(attestation.brokerSettings());
        RegoAttestationPolicyEngine policies = RegoAttestationPolicyEngine.create(attestation.storage(), attestation.referenceValues());
        PolicyOutcome outcome = policies.evaluate("default_cpu", attestation.annotatedEvidence());
        submods = Map.of("cpu0", new Appraisal(TrustVector.of(outcome.trustClaims()), "default",
                attestation.annotatedEvidence(), outcome.extensions()));
        verifier = attestation.verifier();
        token = broker.issue(submods);
        verifier.verify(token);
    }

    @Benchmark
    public String sign() throws Exception {
        return broker.issue(submods);
    }

    @Benchmark
    public JsonNode verify() throws Exception {
        return verifier.verifyFully(token);
    }
}
