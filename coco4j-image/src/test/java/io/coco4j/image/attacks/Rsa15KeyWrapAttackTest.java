package io.coco4j.image.attacks;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import io.coco4j.image.keywrap.JweKeyUnwrapper;
import io.coco4j.image.keywrap.KeyUnwrapException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An image whose {@code jwe} key-wrap entry asks for RSA1_5: every pull that fails or succeeds on
 * PKCS#1 v1.5 padding would be one query of a Bleichenbacher oracle against the guest's key. The
 * unwrapper refuses the algorithm before the private key is used.
 */
class Rsa15KeyWrapAttackTest {

    private static final byte[] OPTS = "{\"symkey\":\"AA==\",\"digest\":\"sha256:00\",\"cipheroptions\":{}}".getBytes(StandardCharsets.US_ASCII);
    private static KeyPair rsa;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
    }

    @Test
    void anRsa15EntryIsRefusedEvenForTheRightKey() throws Exception {
        JweKeyUnwrapper unwrapper = new JweKeyUnwrapper(List.of(rsa.getPrivate()));
        byte[] oaep = HostileJweEntries.entry(new JWEHeader(JWEAlgorithm.RSA_OAEP, EncryptionMethod.A256GCM), OPTS, (RSAPublicKey) rsa.getPublic());
        assertThat(unwrapper.unwrap(oaep)).as("control").isEqualTo(OPTS);
        byte[] legacy = HostileJweEntries.entry(new JWEHeader(JWEAlgorithm.RSA1_5, EncryptionMethod.A256GCM), OPTS, (RSAPublicKey) rsa.getPublic());
        assertThatThrownBy(() -> unwrapper.unwrap(legacy)).isInstanceOf(KeyUnwrapException.class)
                .hasMessageContaining("RSA1_5").hasMessageContaining("refused");
    }
}
