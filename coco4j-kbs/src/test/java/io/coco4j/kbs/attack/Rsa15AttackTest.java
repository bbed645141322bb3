package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.JweException;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.ResourceEncryptor;
import io.coco4j.protocol.jose.RsaTeePublicKey;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RSA1_5 (PKCS#1 v1.5) downgrade: a key that asks for it is refused at /attest; a token that
 * carries one (signed by the real signer) yields no JWE; a guest never opens an RSA1_5 JWE, so
 * neither side can become a Bleichenbacher padding oracle.
 */
class Rsa15AttackTest {

    private static final String RESOURCE = "/kbs/v0/resource/default/key/1";

    @TempDir
    Path dir;

    private TestKbs kbs;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
        kbs.setResource("default/key/1", new byte[] {1, 2, 3});
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private static RsaTeePublicKey asRsa15(TeeKeyPair key) {
        RsaTeePublicKey oaep = (RsaTeePublicKey) key.publicJwk();
        return new RsaTeePublicKey("RSA1_5", oaep.n(), oaep.e());
    }

    @Test
    void aTeeKeyAskingForRsa15IsRefusedAtAttest() throws Exception {
        TeeKeyPair rsa = TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256);
        TestKbs.Guest guest = kbs.guest(rsa);
        guest.auth("sample");
        ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
        ((ObjectNode) body.get("runtime-data")).set("tee-pubkey", asRsa15(rsa).toJson());
        assertThat(assertRefused(guest.attest(body), 401, "AttestationError").get("detail").asText()).contains("RSA1_5 is refused");
        assertThat(guest.getResource("default/key/1").statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedTokenCarryingAnRsa15KeyYieldsNoJwe() throws Exception {
        TeeKeyPair rsa = TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256);
        String genuine = kbs.guest(rsa).handshake();
        assertThat(kbs.send("GET", RESOURCE, null, "Authorization", "Bearer " + genuine).statusCode()).as("control").isEqualTo(200);

        ObjectNode claims = (ObjectNode) TokenResigner.claims(genuine);
        ((ObjectNode) claims.at("/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims")).set("tee-pubkey", asRsa15(rsa).toJson());
        HttpResponse<byte[]> response = kbs.send("GET", RESOURCE, null, "Authorization", "Bearer " + TokenResigner.sign(kbs, claims));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(401);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("RSA1_5").doesNotContain("encrypted_key");
    }

    @Test
    void theGuestNeverOpensAnRsa15Jwe() throws Exception {
        // what a legacy or hostile KBS (or a man in the middle holding the guest's public key) could send
        TeeKeyPair rsa = TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256);
        JweResponse legacy = new ResourceEncryptor().encrypt(new byte[] {1, 2, 3}, asRsa15(rsa), new TeePublicKey.KeyPolicy(true));
        assertThat(Json.readTree(java.util.Base64.getUrlDecoder().decode(legacy.protectedHeader())).get("alg").asText()).isEqualTo("RSA1_5");
        assertThatThrownBy(() -> ResourceDecryptor.decrypt(legacy, rsa)).isInstanceOf(JweException.class)
                .hasMessageContaining("expected alg RSA-OAEP-256");
        JweResponse oaep = new ResourceEncryptor().encrypt(new byte[] {1, 2, 3}, rsa.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        assertThat(ResourceDecryptor.decrypt(oaep, rsa)).containsExactly(1, 2, 3);
    }
}
