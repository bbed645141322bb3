package io.coco4j.bench.image;

import io.coco4j.image.cipher.AesCtrHmacSha256;
import io.coco4j.image.cipher.PrivateLayerOptions;
import io.coco4j.image.cipher.PublicLayerOptions;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decrypting a 1 GiB encrypted layer ({@code AES_256_CTR_HMAC_SHA256}: AES-CTR, HMAC-SHA256 of the
 * ciphertext, SHA-256 of the plaintext, all checked) against OpenSSL doing the same file in the same
 * run: {@code openssl enc -d -aes-256-ctr | openssl dgst -sha256 -hmac} (two processes, two cores,
 * and no plaintext digest). Both read the file from the page cache and discard the plaintext.
 * Throughput = 1024 MiB / time per operation; the target is at least 70% of the OpenSSL pipeline.
 *
 * <pre>java -cp coco4j-bench/target/classes:$(cat coco4j-bench/target/classpath.txt) org.openjdk.jmh.Main LayerDecryptBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class LayerDecryptBenchmark {

    @Param({"1024"})
    public int sizeMiB;

    private Path dir;
    private Path ciphertext;
    private PrivateLayerOptions privateOptions;
    private PublicLayerOptions publicOptions;
    private String keyHex;
    private String nonceHex;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("layer-bench");
        Path plaintext = dir.resolve("layer.tar");
        try (OutputStream out = Files.newOutputStream(plaintext)) {
            SplittableRandom random = new SplittableRandom(7);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < sizeMiB; i++) {
                for (int j = 0; j < chunk.length; j += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[j + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(chunk);
            }
        }
        ciphertext = dir.resolve("layer.tar.enc");
        AesCtrHmacSha256.LayerKey key = AesCtrHmacSha256.generateKey();
        try (InputStream in = Files.newInputStream(plaintext); OutputStream out = Files.newOutputStream(ciphertext)) {
            AesCtrHmacSha256.Result result = AesCtrHmacSha256.encrypt(in, out, key);
            privateOptions = result.privateOptions();
            publicOptions = result.publicOptions();
        }
        Files.delete(plaintext);
        keyHex = HexFormat.of().formatHex(key.key());
        nonceHex = HexFormat.of().formatHex(key.nonce());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(ciphertext);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public long coco4jDecrypt() throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try (InputStream in = AesCtrHmacSha256.decrypt(Files.newInputStream(ciphertext), privateOptions, publicOptions)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        }
        return total;
    }

    @Benchmark
    public int opensslPipeline() throws IOException, InterruptedException {
        String pipeline = "openssl enc -d -aes-256-ctr -K " + keyHex + " -iv " + nonceHex + " -in '" + ciphertext
                + "' | openssl dgst -sha256 -hmac " + keyHex + " >/dev/null";
        Process process = new ProcessBuilder(List.of("bash", "-c", "set -o pipefail; " + pipeline))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException("the openssl pipeline failed (" + exit + ")");
        }
        return exit;
    }
}
