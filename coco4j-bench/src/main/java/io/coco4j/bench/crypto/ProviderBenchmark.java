package io.coco4j.bench.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;

/**
 * The measurements behind the crypto facade's provider table: ECDSA sign, verify and ephemeral
 * ECDH (key generation plus agreement, as a JWE response costs) per curve and provider.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProviderBenchmark {

    @Param({"JDK", "BC", "Conscrypt"})
    public String provider;

    @Param({"secp256r1", "secp384r1", "secp521r1"})
    public String curve;

    private Provider jca;
    private KeyPair signer;
    private KeyPair peer;
    private byte[] message;
    private byte[] signature;
    private String algorithm;

    @Setup
    public void setup() throws Exception {
        jca = switch (provider) {
            case "BC" -> new BouncyCastleProvider();
            case "Conscrypt" -> org.conscrypt.Conscrypt.newProvider();
            default -> null;
        };
        algorithm = switch (curve) {
            case "secp256r1" -> "SHA256withECDSA";
            case "secp384r1" -> "SHA384withECDSA";
            default -> "SHA512withECDSA";
        };
        signer = generate();
        peer = generate();
        message = new byte[512];
        ThreadLocalRandom.current().nextBytes(message);
        signature = sign();
    }

    private KeyPair generate() throws Exception {
        KeyPairGenerator generator = jca == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", jca);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private Signature engine() throws Exception {
        return jca == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, jca);
    }

    @Benchmark
    public byte[] sign() throws Exception {
        Signature s = engine();
        s.initSign(signer.getPrivate());
        s.update(message);
        return s.sign();
    }

    @Benchmark
    public boolean verify() throws Exception {
        Signature s = engine();
        s.initVerify(signer.getPublic());
        s.update(message);
        return s.verify(signature);
    }

    @Benchmark
    public byte[] ephemeralEcdh() throws Exception {
        KeyPair ephemeral = generate();
        KeyAgreement agreement = jca == null ? KeyAgreement.getInstance("ECDH") : KeyAgreement.getInstance("ECDH", jca);
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(peer.getPublic(), true);
        return agreement.generateSecret();
    }
}
