package io.coco4j.kbs.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aTokenIsKnownUntilItsInstantAndNotAfter() {
        VerifiedTokens tokens = new VerifiedTokens(10);
        tokens.put("a.b.c", NOW.plusSeconds(10), NOW);
        assertThat(tokens.contains("a.b.c", NOW.plusSeconds(10))).isTrue();
        assertThat(tokens.contains("a.b.d", NOW)).isFalse();
        assertThat(tokens.contains("a.b.c", NOW.plusSeconds(11))).isFalse();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anAlreadyLapsedTokenIsNotRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(10);
        tokens.put("a.b.c", NOW, NOW);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theCapacityIsABoundAndTheFirstRememberedMakesRoom() {
        VerifiedTokens tokens = new VerifiedTokens(2);
        tokens.put("t1", NOW.plusSeconds(60), NOW);
        tokens.put("t2", NOW.plusSeconds(60), NOW);
        tokens.put("t3", NOW.plusSeconds(60), NOW);
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.contains("t1", NOW)).isFalse();
        assertThat(tokens.contains("t2", NOW)).isTrue();
        assertThat(tokens.contains("t3", NOW)).isTrue();
        tokens.put("t3", NOW.plusSeconds(60), NOW);
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.contains("t2", NOW)).as("remembering a known token again makes no room").isTrue();
    }
}
