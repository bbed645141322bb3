package io.coco4j.kbs.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static ObjectNode claims(String iss) {
        return JsonNodeFactory.instance.objectNode().put("iss", iss);
    }

    @Test
    void aTokenIsKnownUntilItsInstantAndNotAfter() {
        VerifiedTokens tokens = new VerifiedTokens(10);
        tokens.put("a.b.c", claims("x"), NOW.plusSeconds(10), NOW);
        assertThat(tokens.get("a.b.c", NOW.plusSeconds(10))).map(c -> c.get("iss").asText()).contains("x");
        assertThat(tokens.get("a.b.d", NOW)).isEmpty();
        assertThat(tokens.get("a.b.c", NOW.plusSeconds(11))).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anAlreadyLapsedTokenIsNotRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(10);
        tokens.put("a.b.c", claims("x"), NOW, NOW);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theCapacityIsABoundAndTheFirstRememberedMakesRoom() {
        VerifiedTokens tokens = new VerifiedTokens(2);
        tokens.put("t1", claims("1"), NOW.plusSeconds(60), NOW);
        tokens.put("t2", claims("2"), NOW.plusSeconds(60), NOW);
        tokens.put("t3", claims("3"), NOW.plusSeconds(60), NOW);
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.get("t1", NOW)).isEmpty();
        assertThat(tokens.get("t2", NOW)).isPresent();
        assertThat(tokens.get("t3", NOW)).isPresent();
        tokens.put("t3", claims("3"), NOW.plusSeconds(60), NOW);
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.get("t2", NOW)).as("remembering a known token again makes no room").isPresent();
    }
}
