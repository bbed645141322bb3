package io.coco4j.image.cipher;

import io.coco4j.image.oci.Digest;
import io.coco4j.image.testing.TestImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesCtrHmacSha256Test {

    private static final int CHUNK = AesCtrHmacSha256.CHUNK;

    record Encrypted(byte[] ciphertext, AesCtrHmacSha256.Result result) {
    }

    private static Encrypted encrypt(byte[] plaintext) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AesCtrHmacSha256.Result result = AesCtrHmacSha256.encrypt(new ByteArrayInputStream(plaintext), out, AesCtrHmacSha256.generateKey());
        return new Encrypted(out.toByteArray(), result);
    }

    private static byte[] decrypt(byte[] ciphertext, PrivateLayerOptions privateOptions, PublicLayerOptions publicOptions)
            throws IOException {
        try (InputStream in = AesCtrHmacSha256.decrypt(new ByteArrayInputStream(ciphertext), privateOptions, publicOptions)) {
            return in.readAllBytes();
        }
    }

    /** Reads until failure and returns how many bytes were released before it. */
    private static long releasedBeforeFailure(InputStream in) {
        long released = 0;
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                released += n;
            }
        } catch (IOException e) {
            assertThat(e).isInstanceOf(LayerIntegrityException.class);
            return released;
        }
        throw new AssertionError("the stream ended without an integrity failure");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5})
    void roundTripsEverySize(int size) throws Exception {
        byte[] plaintext = TestImages.random(size, size);
        Encrypted encrypted = encrypt(plaintext);
        assertThat(encrypted.ciphertext()).hasSize(size);
        assertThat(encrypted.result().plaintextDigest()).isEqualTo(Digest.sha256(plaintext));
        assertThat(decrypt(encrypted.ciphertext(), encrypted.result().privateOptions(), encrypted.result().publicOptions()))
                .isEqualTo(plaintext);
    }

    @Test
    void counterRunsOverAllSixteenBytes() throws Exception {
        // nonce ff..ff: the next block's counter wraps to 00..00, as Go's cipher.NewCTR does
        byte[] nonce = new byte[16];
        Arrays.fill(nonce, (byte) 0xff);
        byte[] key = TestImages.random(32, 1);
        byte[] plaintext = new byte[32];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AesCtrHmacSha256.encrypt(new ByteArrayInputStream(plaintext), out, new AesCtrHmacSha256.LayerKey(key, nonce));
        javax.crypto.Cipher ecb = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"));
        byte[] expected = ecb.doFinal(concat(nonce, new byte[16]));
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void tamperedCiphertextFailsBeforeTheLastChunkIsReleased() throws Exception {
        byte[] plaintext = TestImages.random(3 * CHUNK + 100, 3);
        Encrypted encrypted = encrypt(plaintext);
        byte[] tampered = encrypted.ciphertext().clone();
        tampered[tampered.length - 7] ^= 1;
        InputStream in = AesCtrHmacSha256.decrypt(new ByteArrayInputStream(tampered), encrypted.result().privateOptions(),
                encrypted.result().publicOptions());
        long released = releasedBeforeFailure(in);
        assertThat(released).isLessThan(plaintext.length);
        assertThatThrownBy(in::read).isInstanceOf(LayerIntegrityException.class);
    }

    @Test
    void tamperedCiphertextEarlyInTheLayerFails() throws Exception {
        Encrypted encrypted = encrypt(TestImages.random(CHUNK * 2, 4));
        byte[] tampered = encrypted.ciphertext().clone();
        tampered[0] ^= 0x80;
        assertThatThrownBy(() -> decrypt(tampered, encrypted.result().privateOptions(), encrypted.result().publicOptions()))
                .isInstanceOf(LayerIntegrityException.class).hasMessageContaining("HMAC");
    }

    @Test
    void tamperedHmacFails() throws Exception {
        Encrypted encrypted = encrypt(TestImages.random(1000, 5));
        byte[] hmac = encrypted.result().publicOptions().hmac().clone();
        hmac[31] ^= 1;
        PublicLayerOptions altered = new PublicLayerOptions(AesCtrHmacSha256.NAME, hmac, Map.of());
        assertThatThrownBy(() -> decrypt(encrypted.ciphertext(), encrypted.result().privateOptions(), altered))
                .isInstanceOf(LayerIntegrityException.class).hasMessageContaining("HMAC");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, CHUNK, CHUNK + 1})
    void truncatedLayerFails(int cut) throws Exception {
        Encrypted encrypted = encrypt(TestImages.random(2 * CHUNK + 10, 6));
        byte[] truncated = Arrays.copyOf(encrypted.ciphertext(), encrypted.ciphertext().length - cut);
        assertThatThrownBy(() -> decrypt(truncated, encrypted.result().privateOptions(), encrypted.result().publicOptions()))
                .isInstanceOf(LayerIntegrityException.class);
    }

    @Test
    void wrongKeyFails() throws Exception {
        Encrypted encrypted = encrypt(TestImages.random(5000, 7));
        PrivateLayerOptions original = encrypted.result().privateOptions();
        PrivateLayerOptions wrong = PrivateLayerOptions.of(TestImages.random(32, 99), original.plaintextDigest(), original.nonce());
        assertThatThrownBy(() -> decrypt(encrypted.ciphertext(), wrong, encrypted.result().publicOptions()))
                .isInstanceOf(LayerIntegrityException.class);
    }

    @Test
    void aDigestOtherThanThePlaintextsFails() throws Exception {
        byte[] plaintext = TestImages.random(5000, 8);
        Encrypted encrypted = encrypt(plaintext);
        PrivateLayerOptions original = encrypted.result().privateOptions();
        PrivateLayerOptions otherDigest = PrivateLayerOptions.of(original.symmetricKey(), Digest.sha256(new byte[1]), original.nonce());
        assertThatThrownBy(() -> decrypt(encrypted.ciphertext(), otherDigest, encrypted.result().publicOptions()))
                .isInstanceOf(LayerIntegrityException.class).hasMessageContaining("digest");
    }

    @Test
    void unknownCipherAndBadParametersAreRefused() throws Exception {
        Encrypted encrypted = encrypt(new byte[10]);
        PrivateLayerOptions privateOptions = encrypted.result().privateOptions();
        byte[] hmac = encrypted.result().publicOptions().hmac();
        assertThatThrownBy(() -> AesCtrHmacSha256.decrypt(new ByteArrayInputStream(new byte[0]), privateOptions,
                new PublicLayerOptions("AES_128_GCM", hmac, null))).isInstanceOf(LayerCipherException.class)
                .hasMessageContaining("unsupported layer cipher");
        assertThatThrownBy(() -> AesCtrHmacSha256.decrypt(new ByteArrayInputStream(new byte[0]), privateOptions,
                new PublicLayerOptions(AesCtrHmacSha256.NAME, new byte[5], null))).isInstanceOf(LayerCipherException.class);
        PrivateLayerOptions shortKey = PrivateLayerOptions.of(new byte[16], privateOptions.plaintextDigest(), privateOptions.nonce());
        assertThatThrownBy(() -> AesCtrHmacSha256.decrypt(new ByteArrayInputStream(new byte[0]), shortKey,
                encrypted.result().publicOptions())).isInstanceOf(LayerCipherException.class);
        assertThatThrownBy(() -> PrivateLayerOptions.parse("{\"digest\":\"x\"}".getBytes())).isInstanceOf(LayerCipherException.class);
        assertThatThrownBy(() -> PublicLayerOptions.fromAnnotation("!!!")).isInstanceOf(LayerCipherException.class);
    }

    @Test
    void optionsNeverPrintTheKey() throws Exception {
        Encrypted encrypted = encrypt(new byte[3]);
        String text = encrypted.result().privateOptions().toString();
        assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(encrypted.result().privateOptions().symmetricKey()));
    }
}
