package io.coco4j.kbs.server;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.kbs.audit.AuditVerifier;
import io.coco4j.kbs.config.AttestationServiceConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.Pkcs11KeyConfig;
import io.coco4j.kbs.config.StorageBackendConfig;
import io.coco4j.kbs.config.TokenBrokerConfig;
import io.coco4j.kbs.config.TokenSignerConfig;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.pkcs11.Pkcs11Settings;
import io.coco4j.protocol.testing.TestSoftHsm;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A KBS whose token-signing key and resource-encryption key live in the SoftHSM2 token of the test setup. */
class Pkcs11KbsTest {

    private static final String SECRET = "a secret only the token can unseal";

    @TempDir
    Path dir;

    @Test
    void tokensAreSignedInTheHsmAndResourcesAreCiphertextAtRest() throws Exception {
        TestSoftHsm.Token hsm = TestSoftHsm.token();
        Pkcs11Settings token = new Pkcs11Settings(Path.of(hsm.library()), Optional.of(hsm.slot()), Optional.empty(),
                Optional.of(hsm.pin()), Optional.empty());
        String suffix = UUID.randomUUID().toString();
        DataDirectory data = new DataDirectory(dir);
        KbsConfig base = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TokenBrokerConfig broker = base.attestationService().tokenBroker();
        TokenSignerConfig signer = new TokenSignerConfig(Optional.empty(), Optional.of(new Pkcs11KeyConfig(token, "signer-" + suffix)),
                Optional.empty(), Optional.empty());
        AttestationServiceConfig as = base.attestationService();
        KbsConfig config = base
                .withAttestationService(new AttestationServiceConfig(as.type(), as.timeoutMinutes(),
                        new TokenBrokerConfig(broker.durationMinutes(), broker.issuerName(), broker.developerName(), broker.buildName(),
                                broker.profileName(), broker.verboseToken(), Optional.of(signer)),
                        as.rvpsConfig(), as.verifierConfig(), as.storageType(), as.remote()))
                .withStorageBackend(base.storageBackend().withEncryption(new StorageBackendConfig.Encryption(
                        new Pkcs11KeyConfig(token, "resources-" + suffix), List.of(Namespace.REPOSITORY))));

        String tokenText;
        try (TestKbs kbs = TestKbs.start(config, data, ServerMode.DEVELOPMENT, false)) {
            kbs.setResource("default/hsm/1", SECRET.getBytes(StandardCharsets.UTF_8));

            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
            TestKbs.Guest guest = kbs.guest(key);
            tokenText = guest.handshake();
            HttpResponse<byte[]> resource = guest.getResource("default/hsm/1");
            assertThat(resource.statusCode()).as(new String(resource.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(ResourceDecryptor.decrypt(Json.read(resource.body(), JweResponse.class), key))
                    .asString().isEqualTo(SECRET);

            // the token verifies with the key the KBS publishes, and that key is the HSM's
            HttpResponse<byte[]> jwks = kbs.send("GET", "/.well-known/jwks.json", null);
            ECKey published = (ECKey) JWKSet.parse(new String(jwks.body(), StandardCharsets.UTF_8)).getKeys().get(0);
            SignedJWT jwt = SignedJWT.parse(tokenText);
            assertThat(jwt.verify(new ECDSAVerifier(published))).isTrue();
            assertThat(published.toECPublicKey().getW()).isEqualTo(TokenSigners.publicKey(
                    io.coco4j.as.ear.SignerSettings.pkcs11(token, "signer-" + suffix)).getW());
        }

        // at rest, the resource is ciphertext; the policy, not in an encrypted namespace, is plain text
        try (SqlStorage raw = SqlStorage.sqlite(data.storageDatabase())) {
            byte[] stored = raw.namespace(Namespace.REPOSITORY).get("default/hsm/1").orElseThrow();
            assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("c4e1");
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
            assertThat(stored.length).isEqualTo(4 + 12 + SECRET.length() + 16);

            // the audit checkpoints were signed by the HSM key too
            AuditVerifier.Report report = AuditVerifier.verify(raw, List.of(TokenSigners.publicKey(
                    io.coco4j.as.ear.SignerSettings.pkcs11(token, "signer-" + suffix))));
            assertThat(report.problems()).isEmpty();
            assertThat(report.records()).isGreaterThanOrEqualTo(2);
            assertThat(report.lastCheckpoint()).isEqualTo(report.records());
        }
    }
}
