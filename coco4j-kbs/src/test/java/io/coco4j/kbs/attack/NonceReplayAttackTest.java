package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nonce replay and staleness: evidence is good for the one session whose fresh nonce it binds.
 * (Session expiry is covered on a moved clock in RcarServiceTest#anExpiredSessionIsUnknown.)
 */
class NonceReplayAttackTest {

    @TempDir
    Path dir;

    @Test
    void aCompletedHandshakeCannotBeReplayedIntoANewSession() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
            TestKbs.Guest first = kbs.guest(key);
            first.auth("sample");
            var recorded = first.attestation(first.nonce, first.nonce);
            assertThat(first.attest(recorded).statusCode()).isEqualTo(200);

            TestKbs.Guest replay = kbs.guest(key);
            replay.auth("sample");
            assertRefused(replay.attest(recorded), 401, "AttestationError");
        }
    }

    @Test
    void challengesAndSessionIdsNeverRepeat() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            Set<String> nonces = new HashSet<>();
            Set<String> cookies = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                TestKbs.Guest guest = kbs.guest(null);
                guest.auth("sample");
                nonces.add(guest.nonce);
                cookies.add(guest.cookie);
            }
            assertThat(nonces).hasSize(300);
            assertThat(cookies).hasSize(300);
        }
    }
}
