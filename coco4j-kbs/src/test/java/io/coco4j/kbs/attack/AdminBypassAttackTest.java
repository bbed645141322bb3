package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;

import static io.coco4j.kbs.attack.Refusals.b64url;
import static org.assertj.core.api.Assertions.assertThat;

/** Admin authorization bypass attempts; none may write anything. */
class AdminBypassAttackTest {

    @TempDir
    Path dir;

    private TestKbs kbs;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private int write(String path, String authorization) throws Exception {
        return authorization == null
                ? kbs.send("POST", path, new byte[] {1}).statusCode()
                : kbs.send("POST", path, new byte[] {1}, "Authorization", authorization).statusCode();
    }

    private void assertNothingWritten() throws Exception {
        assertThat(kbs.server.storage().namespace(Namespace.REPOSITORY).keys()).isEmpty();
    }

    @Test
    void missingExpiredForeignAndUnderprivilegedTokensAreRefused() throws Exception {
        String path = "/kbs/v0/resource/default/key/1";
        assertThat(write(path, null)).isEqualTo(401);
        assertThat(write(path, "Bearer")).isEqualTo(401);
        assertThat(write(path, "Basic YWRtaW46YWRtaW4=")).isEqualTo(401);
        assertThat(write(path, "Bearer " + kbs.adminToken("admin", Duration.ofMinutes(1), Instant.now().minus(Duration.ofMinutes(10))))).isEqualTo(401);
        assertThat(write(path, "Bearer " + kbs.adminToken("reader", Duration.ofMinutes(5)))).isEqualTo(401);
        assertThat(write(path, "Bearer " + kbs.adminToken("Admin", Duration.ofMinutes(5)))).isEqualTo(401);
        try (TestKbs other = TestKbs.start(dir.resolve("other"), ServerMode.DEVELOPMENT)) {
            assertThat(write(path, "Bearer " + other.adminToken())).isEqualTo(401);
        }
        assertNothingWritten();
    }

    @Test
    void unsignedAndSelfKeyedAdminTokensAreRefused() throws Exception {
        String[] parts = kbs.adminToken().split("\\.");
        assertThat(write("/kbs/v0/resource/default/key/1", "Bearer " + b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "."))
                .isEqualTo(401);
        // a token that carries its own Ed25519 key in the header
        var generator = KeyPairGenerator.getInstance("Ed25519");
        var attacker = generator.generateKeyPair();
        byte[] raw = attacker.getPublic().getEncoded();
        byte[] x = java.util.Arrays.copyOfRange(raw, raw.length - 32, raw.length);
        ObjectNode header = Json.mapper().createObjectNode().put("alg", "EdDSA").put("typ", "JWT");
        header.putObject("jwk").put("kty", "OKP").put("crv", "Ed25519").put("x", b64url(x));
        String input = b64url(Json.write(header)) + "." + parts[1];
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(attacker.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(write("/kbs/v0/resource/default/key/1", "Bearer " + input + "." + b64url(signer.sign()))).isEqualTo(401);
        assertNothingWritten();
    }

    @Test
    void aclMatchingCannotBeSteeredByThePathOrQuery() throws Exception {
        // a role allowed only to read policies must not write resources through path or query tricks
        String reader = "Bearer " + kbs.adminToken("reader", Duration.ofMinutes(5));
        for (String path : new String[] {
                "/kbs/v0/resource/default/key/1?/kbs/v0/resource-policy",
                "/kbs/v0/resource-policy/../resource/default/key/1",
                "/kbs/v0/resource/default/key/1#admin"}) {
            assertThat(write(path, reader)).as(path).isIn(400, 401, 404);
        }
        assertNothingWritten();
    }
}
