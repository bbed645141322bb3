package io.coco4j.bench.kbs;

import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceEncryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The KBS's JWE response: a 32-byte resource encrypted to the TEE key of the session, per key type
 * (ECDH-ES+A256KW on P-256 and P-521 with a fresh ephemeral key, RSA-OAEP-256 to a 2048-bit key),
 * starting from the {@code tee-pubkey} as the session holds it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseEncryptionBenchmark {

    @Param({"EC_P256", "EC_P521", "RSA_OAEP_256"})
    public String teeKey;

    private final ResourceEncryptor encryptor = new ResourceEncryptor();
    private final byte[] resource = new byte[32];
    private TeePublicKey recipient;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TeePublicKey generated = TeeKeyPair.generate(TeeKeyAlgorithm.valueOf(teeKey)).publicJwk();
        // as received in the attest request and kept in the session
        recipient = TeePublicKey.fromJson(Json.readTree(Json.write(generated.toJson())));
    }

    @Benchmark
    public JweResponse encrypt() throws Exception {
        return encryptor.encrypt(resource, recipient, TeePublicKey.KeyPolicy.DEFAULT);
    }
}
