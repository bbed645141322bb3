package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence relayed from another session: a man in the middle forwards a genuine guest's evidence
 * into its own session, with its own key. Neither the nonce nor the key matches what the report binds.
 */
class RelayedEvidenceAttackTest {

    @TempDir
    Path dir;

    @Test
    void evidenceFromAnotherSessionIsRefusedWhateverIsRewritten() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            TestKbs.Guest genuine = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            genuine.auth("sample");
            ObjectNode captured = genuine.attestation(genuine.nonce, genuine.nonce);

            TestKbs.Guest relay = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            relay.auth("sample");
            ObjectNode rewritten = captured.deepCopy();
            ObjectNode runtime = (ObjectNode) rewritten.get("runtime-data");
            runtime.put("nonce", relay.nonce);
            assertRefused(relay.attest(rewritten), 401, "AttestationError");
            runtime.set("tee-pubkey", relay.key.publicJwk().toJson());
            assertRefused(relay.attest(rewritten), 401, "AttestationError");
            // the genuine guest still completes its own session
            assertThat(genuine.attest(captured).statusCode()).isEqualTo(200);
        }
    }
}
