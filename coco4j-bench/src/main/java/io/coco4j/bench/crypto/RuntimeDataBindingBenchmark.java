package io.coco4j.bench.crypto;

import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
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
 * The report-data binding of a handshake: {@code {"nonce","tee-pubkey","additional-evidence"}} built,
 * canonicalised with JCS and hashed with SHA-384, as guest and Attestation Service both compute it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuntimeDataBindingBenchmark {

    private RuntimeData runtimeData;

    @Setup(Level.Trial)
    public void setUp() {
        runtimeData = new RuntimeData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256).publicJwk());
    }

    @Benchmark
    public byte[] jcsSha384() {
        return RuntimeData.digest(runtimeData.primaryBinding(""), HashAlgorithm.SHA384);
    }
}
