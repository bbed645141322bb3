package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.EcTeePublicKey;
import io.coco4j.protocol.jose.JweException;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static io.coco4j.kbs.attack.Refusals.b64url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JWE to an invalid-curve or substituted key: refused at /attest, before any token exists; a stolen
 * token only ever yields ciphertext for the key it was issued to. (The RSA1_5 downgrade: {@link Rsa15AttackTest}.)
 */
class TeeKeySubstitutionAttackTest {

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

    private HttpResponse<byte[]> attestWithKey(ObjectNode teePubkey) throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
        ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
        ((ObjectNode) body.get("runtime-data")).set("tee-pubkey", teePubkey);
        return guest.attest(body);
    }

    @Test
    void invalidCurvePointsAreRefused() throws Exception {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[31] = 1;
        // the point at (0, 1) and a point of the twist are not on P-256
        ObjectNode notOnCurve = new EcTeePublicKey("P-256", "ECDH-ES+A256KW", b64url(zero), b64url(one)).toJson();
        assertRefused(attestWithKey(notOnCurve), 401, "AttestationError");
        // coordinates >= p
        byte[] big = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16).add(BigInteger.ONE).toByteArray();
        byte[] x = new byte[32];
        System.arraycopy(big, big.length - 32, x, 0, 32);
        ObjectNode outOfField = new EcTeePublicKey("P-256", "ECDH-ES+A256KW", b64url(x), b64url(one)).toJson();
        assertRefused(attestWithKey(outOfField), 401, "AttestationError");
        // a P-256 point presented as P-521
        EcTeePublicKey real = (EcTeePublicKey) TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256).publicJwk();
        assertRefused(attestWithKey(new EcTeePublicKey("P-521", real.alg(), real.x(), real.y()).toJson()), 401, "AttestationError");
    }

    @Test
    void aKeyOfAnUnknownTypeIsRefused() throws Exception {
        ObjectNode unknownType = Json.mapper().createObjectNode().put("kty", "oct").put("k", "AAAA");
        assertRefused(attestWithKey(unknownType), 401, "AttestationError");
    }

    @Test
    void aStolenTokenOnlyYieldsCiphertextForItsOwnKey() throws Exception {
        TestKbs.Guest victim = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        String token = victim.handshake();
        HttpResponse<byte[]> stolen = kbs.send("GET", "/kbs/v0/resource/default/key/1", null, "Authorization", "Bearer " + token);
        assertThat(stolen.statusCode()).isEqualTo(200);
        JweResponse jwe = Json.read(stolen.body(), JweResponse.class);
        TeeKeyPair attacker = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        assertThatThrownBy(() -> ResourceDecryptor.decrypt(jwe, attacker)).isInstanceOf(JweException.class);
        assertThat(ResourceDecryptor.decrypt(jwe, victim.key)).containsExactly(1, 2, 3);
    }
}
