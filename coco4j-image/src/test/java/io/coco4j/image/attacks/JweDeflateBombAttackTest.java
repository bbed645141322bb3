package io.coco4j.image.attacks;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import io.coco4j.image.keywrap.JweKeyUnwrapper;
import io.coco4j.image.keywrap.KeyUnwrapException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code jwe} key-wrap entry with {@code "zip":"DEF"} whose plaintext inflates to tens of
 * megabytes: the one decompression on the key path besides the layers themselves
 * ({@link LayerDecompressionBombAttackTest}). It stops at the JOSE library's 1 MB bound.
 */
class JweDeflateBombAttackTest {

    private static final byte[] OPTS = "{\"symkey\":\"AA==\",\"digest\":\"sha256:00\",\"cipheroptions\":{}}".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aDeflatedEntryThatExpandsBeyondAMegabyteIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        // JWE "zip":"DEF": 32 MiB of zeros in about 32 KiB; the JOSE library stops inflating at 1 MB
        JWEHeader deflated = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP, EncryptionMethod.A256GCM).compressionAlgorithm(CompressionAlgorithm.DEF).build();
        JweKeyUnwrapper unwrapper = new JweKeyUnwrapper(List.of(rsa.getPrivate()));
        assertThat(unwrapper.unwrap(HostileJweEntries.entry(deflated, OPTS, (RSAPublicKey) rsa.getPublic()))).as("control").isEqualTo(OPTS);
        byte[] bomb = HostileJweEntries.entry(deflated, new byte[32 << 20], (RSAPublicKey) rsa.getPublic());
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> unwrapper.unwrap(bomb)).isInstanceOf(KeyUnwrapException.class);
    }
}
