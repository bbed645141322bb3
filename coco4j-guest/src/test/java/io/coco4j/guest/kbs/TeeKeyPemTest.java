package io.coco4j.guest.kbs;

import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.ResourceEncryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.jose.TeePublicKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeeKeyPemTest {

    @ParameterizedTest
    @EnumSource(TeeKeyAlgorithm.class)
    void theExportedKeyOpensWhatTheKbsEncryptsToThePublicHalf(TeeKeyAlgorithm algorithm) throws Exception {
        KeyPair pair = TeeKeyPem.generate(algorithm);
        String pem = TeeKeyPem.privateKeyPem(pair);
        assertThat(pem).startsWith(algorithm == TeeKeyAlgorithm.RSA_OAEP_256 ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----");

        TeeKeyPair parsed = TeeKeyPem.parse(pem);
        assertThat(parsed.algorithm()).isEqualTo(algorithm);
        TeeKeyPair original = TeeKeyPair.of(algorithm, pair);
        assertThat(parsed.publicJwk().toJson()).isEqualTo(original.publicJwk().toJson());

        byte[] secret = "resource".getBytes(StandardCharsets.UTF_8);
        JweResponse jwe = new ResourceEncryptor().encrypt(secret, original.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        assertThat(ResourceDecryptor.decrypt(jwe, parsed)).isEqualTo(secret);
    }

    @Test
    void notAKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> TeeKeyPem.parse("secret material that is not PEM")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret material");
        assertThatThrownBy(() -> TeeKeyPem.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
