package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.protocol.testing.MutableClock;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HashSet;
import java.util.Set;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nonce replay and staleness: evidence is good for the one session whose fresh nonce it binds, and
 * only until that session times out (5 minutes, {@code attestation_service.timeout}); an attested
 * session's cookie stops working then too.
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

    private TestKbs startWithClock(MutableClock clock) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig config = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return TestKbs.start(new KbsServer.Options(config, ServerMode.DEVELOPMENT, data, List.of()).withClock(clock));
    }

    @Test
    void aChallengeAnsweredAfterItsSessionTimedOutIsRefused() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestKbs kbs = startWithClock(clock)) {
            TestKbs.Guest late = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            late.auth("sample");
            TestKbs.Guest onTime = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            onTime.auth("sample");
            clock.advance(Duration.ofMinutes(4));
            assertThat(onTime.attest(onTime.attestation(onTime.nonce, onTime.nonce)).statusCode()).as("control").isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
            // honest evidence for the stale nonce, under the cookie that came with it
            assertRefused(late.attest(late.attestation(late.nonce, late.nonce)), 401, "AttestationError");
        }
    }

    @Test
    void anAttestedSessionStopsReleasingResourcesWhenItTimesOut() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestKbs kbs = startWithClock(clock)) {
            kbs.setResource("default/key/1", new byte[] {1});
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.handshake();
            assertThat(guest.getResource("default/key/1").statusCode()).as("control").isEqualTo(200);
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            assertThat(guest.getResource("default/key/1").statusCode()).isEqualTo(401);
        }
    }
}
