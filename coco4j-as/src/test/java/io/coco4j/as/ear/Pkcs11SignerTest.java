package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.pkcs11.Pkcs11Settings;
import io.coco4j.protocol.testing.TestSoftHsm;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EAR tokens signed by a key that lives in the SoftHSM2 token of the test setup. */
class Pkcs11SignerTest {

    private static Pkcs11Settings token(TestSoftHsm.Token token) {
        return new Pkcs11Settings(Path.of(token.library()), Optional.of(token.slot()), Optional.empty(), Optional.of(token.pin()),
                Optional.empty());
    }

    private static Appraisal appraisal() {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.putObject("sample").put("svn", "1");
        return new Appraisal(TrustVector.of(Map.of(TrustClaim.HARDWARE, 2)), "default", evidence, List.of());
    }

    @Test
    void aTokenSignedInTheHsmVerifiesWithThePublishedJwks() throws Exception {
        Pkcs11Settings settings = token(TestSoftHsm.token());
        String label = "signer-" + UUID.randomUUID();
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.pkcs11(settings, label)));
        String token = broker.issue(Map.of("cpu0", appraisal()));

        ECKey published = (ECKey) JWKSet.parse(Json.write(broker.jwks())).getKeys().get(0);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new ECDSAVerifier(published))).isTrue();
        assertThat(jwt.getHeader().getJWK().toJSONObject()).isEqualTo(published.toJSONObject());

        // x5c carries the certificate the token keeps with the key, and that certificate is for the key
        String leaf = broker.jwks().at("/keys/0/x5c/0").asText();
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(leaf)));
        assertThat(((ECPublicKey) certificate.getPublicKey()).getW()).isEqualTo(published.toECPublicKey().getW());
        assertThat(broker.signer().certificateChain()).containsExactly(certificate);

        // a second start finds the same key by its label instead of making another
        EarTokenBroker again = EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.pkcs11(settings, label)));
        assertThat(again.jwks()).isEqualTo(broker.jwks());
        assertThat(SignedJWT.parse(again.issue(Map.of("cpu0", appraisal()))).verify(new ECDSAVerifier(published))).isTrue();
    }

    @Test
    void aForeignSignatureDoesNotVerify() throws Exception {
        Pkcs11Settings settings = token(TestSoftHsm.token());
        EarTokenBroker hsm = EarTokenBroker.create(EarTokenBrokerSettings.defaults()
                .withSigner(SignerSettings.pkcs11(settings, "signer-" + UUID.randomUUID())));
        EarTokenBroker other = EarTokenBroker.create(EarTokenBrokerSettings.defaults()
                .withSigner(SignerSettings.pkcs11(settings, "signer-" + UUID.randomUUID())));
        ECKey published = (ECKey) JWKSet.parse(Json.write(hsm.jwks())).getKeys().get(0);
        assertThat(SignedJWT.parse(other.issue(Map.of("cpu0", appraisal()))).verify(new ECDSAVerifier(published))).isFalse();
    }

    @Test
    void anAesKeyUnderTheLabelIsRefused() throws Exception {
        Pkcs11Settings settings = token(TestSoftHsm.token());
        String label = "aes-" + UUID.randomUUID();
        io.coco4j.protocol.pkcs11.Pkcs11Token.open(settings).generateAesKey(label, 256);
        assertThatThrownBy(() -> EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(SignerSettings.pkcs11(settings, label))))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(label);
    }
}
