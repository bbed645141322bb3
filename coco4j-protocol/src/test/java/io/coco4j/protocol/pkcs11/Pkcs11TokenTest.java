package io.coco4j.protocol.pkcs11;

import io.coco4j.protocol.testing.TestSoftHsm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SunPKCS11 against the SoftHSM2 token of the test setup. */
class Pkcs11TokenTest {

    @TempDir
    Path dir;

    private static Pkcs11Settings settings(TestSoftHsm.Token token) {
        return new Pkcs11Settings(Path.of(token.library()), Optional.of(token.slot()), Optional.empty(), Optional.of(token.pin()),
                Optional.empty());
    }

    private static String label() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void aesGcmRunsInsideTheTokenAndTheKeyPersists() throws Exception {
        TestSoftHsm.Token token = TestSoftHsm.token();
        Pkcs11Token opened = Pkcs11Token.open(settings(token));
        String label = label();
        assertThat(opened.secretKey(label)).isEmpty();
        SecretKey key = opened.generateAesKey(label, 256);
        assertThat(key.getEncoded()).as("the key bytes stay in the token").isNull();

        byte[] nonce = new byte[12];
        Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", opened.provider());
        encrypt.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        encrypt.updateAAD("aad".getBytes(StandardCharsets.UTF_8));
        byte[] sealed = encrypt.doFinal("secret".getBytes(StandardCharsets.UTF_8));

        // a second login finds the same key by label: it is a token object, not a session object
        SecretKey again = Pkcs11Token.open(settings(token)).secretKey(label).orElseThrow();
        Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", opened.provider());
        decrypt.init(Cipher.DECRYPT_MODE, again, new GCMParameterSpec(128, nonce));
        decrypt.updateAAD("aad".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(decrypt.doFinal(sealed), StandardCharsets.UTF_8)).isEqualTo("secret");

        sealed[0] ^= 1;
        Cipher tampered = Cipher.getInstance("AES/GCM/NoPadding", opened.provider());
        tampered.init(Cipher.DECRYPT_MODE, again, new GCMParameterSpec(128, nonce));
        tampered.updateAAD("aad".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> tampered.doFinal(sealed)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void anEcKeySignsInsideTheTokenAndItsCertificateVerifies() throws Exception {
        TestSoftHsm.Token token = TestSoftHsm.token();
        Pkcs11Token opened = Pkcs11Token.open(settings(token));
        String label = label();
        assertThat(opened.privateKeyEntry(label)).isEmpty();
        opened.generateEcKey(label, "secp256r1", "CN=test signer", Duration.ofDays(1));
        KeyStore.PrivateKeyEntry entry = Pkcs11Token.open(settings(token)).privateKeyEntry(label).orElseThrow();

        Signature sign = Signature.getInstance("SHA256withECDSA", opened.provider());
        sign.initSign(entry.getPrivateKey());
        sign.update("message".getBytes(StandardCharsets.UTF_8));
        byte[] signature = sign.sign();

        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(entry.getCertificate().getPublicKey());
        verify.update("message".getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(signature)).isTrue();
        entry.getCertificate().verify(entry.getCertificate().getPublicKey());
    }

    @Test
    void aPinFileWorksAndAWrongPinIsRefusedWithoutShowingIt() throws Exception {
        TestSoftHsm.Token token = TestSoftHsm.token();
        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, token.pin() + "\n");
        Pkcs11Token.open(new Pkcs11Settings(Path.of(token.library()), Optional.of(token.slot()), Optional.empty(), Optional.empty(),
                Optional.of(pinFile)));

        String wrong = "wrong-pin-7731";
        assertThatThrownBy(() -> Pkcs11Token.open(new Pkcs11Settings(Path.of(token.library()), Optional.of(token.slot()),
                Optional.empty(), Optional.of(wrong), Optional.empty())))
                .isInstanceOf(Pkcs11Exception.class)
                .hasMessageContaining("cannot log in")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }

    @Test
    void aMissingLibraryOrSlotIsAClearError() {
        TestSoftHsm.Token token = TestSoftHsm.token();
        assertThatThrownBy(() -> Pkcs11Token.open(new Pkcs11Settings(dir.resolve("missing.so"), Optional.empty(), Optional.empty(),
                Optional.of("1234"), Optional.empty())))
                .isInstanceOf(Pkcs11Exception.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Pkcs11Token.open(new Pkcs11Settings(Path.of(token.library()), Optional.of(token.slot() + 1),
                Optional.empty(), Optional.of(token.pin()), Optional.empty())))
                .isInstanceOf(Pkcs11Exception.class);
    }

    @Test
    void settingsRefuseAmbiguityAndHideThePin() {
        assertThatThrownBy(() -> new Pkcs11Settings(Path.of("/x.so"), Optional.of(1L), Optional.of(0), Optional.of("p"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pkcs11Settings(Path.of("/x.so"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Pkcs11Settings(Path.of("/x.so"), Optional.empty(), Optional.empty(), Optional.of("s3cr3t"), Optional.empty()).toString())
                .doesNotContain("s3cr3t");
    }
}
