package io.coco4j.kbs.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.kbs.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

class PemPublicKeysTest {

    private static PublicKey parse(String pem) throws KeySourceException {
        return PemPublicKeys.parse(pem.getBytes(StandardCharsets.US_ASCII), "test.pem");
    }

    @Test
    void readsEcRsaAndEd25519SubjectPublicKeyInfo() throws Exception {
        for (KeyPair keys : new KeyPair[] {TestPki.p256(), TestPki.rsa(), TestPki.ed25519()}) {
            PublicKey parsed = parse(TestPki.pem(keys.getPublic()));
            assertThat(parsed.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        }
    }

    @Test
    void readsPkcs1RsaPublicKeys() throws Exception {
        RSAPublicKey rsa = (RSAPublicKey) TestPki.rsa().getPublic();
        byte[] pkcs1 = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(rsa.getEncoded())
                .parsePublicKey().getEncoded();
        String pem = TestPki.pem(new PemObject("RSA PUBLIC KEY", pkcs1));
        RSAPublicKey parsed = (RSAPublicKey) parse(pem);
        assertThat(parsed.getModulus()).isEqualTo(rsa.getModulus());
        assertThat(ASN1Primitive.fromByteArray(pkcs1)).isNotNull();
    }

    @Test
    void refusesWhatIsNotAPublicKey() {
        assertThatThrownBy(() -> parse("hello")).isInstanceOf(KeySourceException.class)
                .hasMessageContaining("holds no PEM public key");
        assertThatThrownBy(() -> parse(TestPki.pem(TestPki.p256().getPrivate())))
                .isInstanceOf(KeySourceException.class).hasMessageContaining("holds no PEM public key");
        assertThatThrownBy(() -> parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(KeySourceException.class);
    }
}
