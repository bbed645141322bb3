package io.coco4j.image.cipher;

import io.coco4j.image.keywrap.AnnotationPacket;
import io.coco4j.image.keywrap.AttestationAgentKeyUnwrapper;
import io.coco4j.image.keywrap.AttestationAgentKeyWrapper;
import io.coco4j.image.oci.Digest;
import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The guest protocol spec's Appendix B.3: layer cipher and AnnotationPacket, byte for byte. */
class AppendixBVectorsTest {

    private static final byte[] KEY = bytes0to(32);
    private static final byte[] ZERO_NONCE = new byte[16];
    private static final byte[] PLAINTEXT = "hello, layer".getBytes(StandardCharsets.US_ASCII);
    private static final String CIPHERTEXT_HEX = "9af56cda4565bfbcc88aff18";
    private static final String HMAC_B64 = "VUIZhYjNGsyaWLKN+Jhogu1fTzazludhrgdP1wsNA7o=";

    private static final String PRIVOPTS = "{\"symkey\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\","
            + "\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\","
            + "\"cipheroptions\":{\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}}";
    private static final String WRAPPED = "j5CMgDHn4J67dWlOcM72EKavoDBfSeL4nVeiud8+VHHHFBk+oTZhDqLVgUZF5si7VOb7fctKIPD6JhAxcIxnWZldHxr1"
            + "h7oeCmzlz4EyNVLXvgWZMygGmhnKSkA9sonl5AcyVnILrblWO0wI5QQJeieENRlu3VFcMaKXAC+6n85MMPIl9rQDb/9EkCqn1AbFBk7xp1I6kzQD"
            + "JcXTNsxV6BTqjDkd+4aZvmCXjAiNx1CpIe3+fwuc5hMXUtNiHozzs4ZergLKNynrgE/aEqaJzAA=";
    private static final String PACKET = "{\"kid\":\"kbs:///default/image-kek/k1\",\"wrapped_data\":\"" + WRAPPED
            + "\",\"iv\":\"AAAAAAAAAAAAAAAA\",\"wrap_type\":\"A256GCM\"}";

    private static byte[] bytes0to(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void layerCipherMatchesTheVector() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AesCtrHmacSha256.Result result = AesCtrHmacSha256.encrypt(new ByteArrayInputStream(PLAINTEXT), out,
                new AesCtrHmacSha256.LayerKey(KEY.clone(), ZERO_NONCE.clone()));
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(CIPHERTEXT_HEX);
        assertThat(Base64.getEncoder().encodeToString(result.publicOptions().hmac())).isEqualTo(HMAC_B64);
        assertThat(result.plaintextDigest()).isEqualTo(Digest.sha256(PLAINTEXT));
        assertThat(new String(result.publicOptions().toJson(), StandardCharsets.US_ASCII))
                .isEqualTo("{\"cipher\":\"AES_256_CTR_HMAC_SHA256\",\"hmac\":\"" + HMAC_B64 + "\",\"cipheroptions\":{}}");
    }

    @Test
    void vectorCiphertextDecryptsWithItsHmac() throws Exception {
        PrivateLayerOptions privateOptions = PrivateLayerOptions.of(KEY.clone(), Digest.sha256(PLAINTEXT), ZERO_NONCE.clone());
        PublicLayerOptions publicOptions = new PublicLayerOptions(AesCtrHmacSha256.NAME, Base64.getDecoder().decode(HMAC_B64), null);
        try (InputStream in = AesCtrHmacSha256.decrypt(new ByteArrayInputStream(HexFormat.of().parseHex(CIPHERTEXT_HEX)),
                privateOptions, publicOptions)) {
            assertThat(in.readAllBytes()).isEqualTo(PLAINTEXT);
        }
    }

    @Test
    void privateOptionsSerialiseInGoFieldOrder() {
        PrivateLayerOptions options = PrivateLayerOptions.of(KEY.clone(), new Digest("sha256", "0".repeat(64)), ZERO_NONCE.clone());
        assertThat(new String(options.toJson(), StandardCharsets.US_ASCII)).isEqualTo(PRIVOPTS);
    }

    @Test
    void annotationPacketMatchesTheVector() throws Exception {
        byte[] kek = new byte[32];
        Arrays.fill(kek, (byte) 0x42);
        AttestationAgentKeyWrapper wrapper = new AttestationAgentKeyWrapper(ResourceUri.parse("kbs:///default/image-kek/k1"), kek);
        AnnotationPacket packet = wrapper.packet(PRIVOPTS.getBytes(StandardCharsets.US_ASCII), new byte[12]);
        assertThat(new String(packet.toJson(), StandardCharsets.US_ASCII)).isEqualTo(PACKET);

        AttestationAgentKeyUnwrapper unwrapper = new AttestationAgentKeyUnwrapper(kid -> {
            assertThat(kid.toString()).isEqualTo("kbs:///default/image-kek/k1");
            return kek.clone();
        });
        assertThat(new String(unwrapper.unwrap(PACKET.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo(PRIVOPTS);
    }
}
