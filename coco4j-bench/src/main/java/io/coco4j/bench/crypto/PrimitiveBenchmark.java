package io.coco4j.bench.crypto;

import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.crypto.Primitive;
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

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of a handshake, each alone, through the crypto facade (so on the providers coco4j
 * uses): the floors that the protocol operations and OpenSSL are compared with. Messages are small
 * (a 32-byte digest-sized input, a 32-byte resource), as in {@code openssl speed}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrimitiveBenchmark {

    private final CryptoProviders crypto = CryptoProviders.get();
    private final SecureRandom random = new SecureRandom();
    private final byte[] message = new byte[32];
    private final byte[] resource = new byte[32];
    private KeyPair p256;
    private KeyPair p384;
    private KeyPair p256Peer;
    private byte[] p256Signature;
    private byte[] p384Signature;
    private SecretKeySpec kek;
    private SecretKeySpec cek;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        random.nextBytes(message);
        random.nextBytes(resource);
        p256 = crypto.generateEcKeyPair("secp256r1");
        p384 = crypto.generateEcKeyPair("secp384r1");
        p256Peer = crypto.generateEcKeyPair("secp256r1");
        p256Signature = sign("SHA256withECDSA", p256);
        p384Signature = sign("SHA384withECDSA", p384);
        byte[] key = new byte[32];
        random.nextBytes(key);
        kek = new SecretKeySpec(key.clone(), "AES");
        random.nextBytes(key);
        cek = new SecretKeySpec(key, "AES");
    }

    private byte[] sign(String algorithm, KeyPair pair) throws Exception {
        Signature signature = crypto.signature(algorithm, primitive(algorithm));
        signature.initSign(pair.getPrivate());
        signature.update(message);
        return signature.sign();
    }

    /** The curve, named as the production callers name it (SHA-256 goes with P-256 here, SHA-384 with P-384). */
    private static Primitive primitive(String algorithm) {
        return algorithm.startsWith("SHA256") ? Primitive.EC_P256 : Primitive.EC_P384;
    }

    private boolean verify(String algorithm, KeyPair pair, byte[] value) throws Exception {
        Signature signature = crypto.signature(algorithm, primitive(algorithm));
        signature.initVerify(pair.getPublic());
        signature.update(message);
        return signature.verify(value);
    }

    private byte[] agree(KeyPair own, KeyPair peer) throws Exception {
        KeyAgreement agreement = crypto.ecdh(Primitive.EC_P256);
        agreement.init(own.getPrivate());
        agreement.doPhase(peer.getPublic(), true);
        return agreement.generateSecret();
    }

    @Benchmark
    public byte[] p256Sign() throws Exception {
        return sign("SHA256withECDSA", p256);
    }

    @Benchmark
    public boolean p256Verify() throws Exception {
        return verify("SHA256withECDSA", p256, p256Signature);
    }

    @Benchmark
    public byte[] p384Sign() throws Exception {
        return sign("SHA384withECDSA", p384);
    }

    @Benchmark
    public boolean p384Verify() throws Exception {
        return verify("SHA384withECDSA", p384, p384Signature);
    }

    /** What {@code openssl speed ecdhp256} times: one agreement between existing keys. */
    @Benchmark
    public byte[] p256Ecdh() throws Exception {
        return agree(p256, p256Peer);
    }

    /** What a JWE response costs: a fresh ephemeral key, then the agreement. */
    @Benchmark
    public byte[] p256EphemeralEcdh() throws Exception {
        return agree(crypto.generateEcKeyPair("secp256r1"), p256Peer);
    }

    @Benchmark
    public byte[] aesKeyWrap() throws Exception {
        Cipher wrap = crypto.cipher("AESWrap");
        wrap.init(Cipher.WRAP_MODE, kek);
        return wrap.wrap(cek);
    }

    @Benchmark
    public byte[] aes256GcmSmall() throws Exception {
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        Cipher gcm = crypto.cipher("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, cek, new GCMParameterSpec(128, iv));
        return gcm.doFinal(resource);
    }
}
