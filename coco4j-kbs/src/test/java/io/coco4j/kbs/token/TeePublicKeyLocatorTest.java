package io.coco4j.kbs.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.testing.TestPki;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeePublicKeyLocatorTest {

    private static JsonNode json(String text) throws Exception {
        return TestPki.JSON.readTree(text);
    }

    @Test
    void findsTheKeyInEachKnownTokenLayout() throws Exception {
        TeePublicKeyLocator locator = new TeePublicKeyLocator(List.of());
        assertThat(locator.locate(json("{\"tdx\":{\"attester_runtime_data\":{\"tee-pubkey\":{\"kty\":\"EC\",\"n\":1}}}}"))
                .get("n").asInt()).isEqualTo(1);
        assertThat(locator.locate(json("{\"tdx\":{\"attester_user_data\":{\"tee-pubkey\":{\"kty\":\"EC\",\"n\":2}}}}"))
                .get("n").asInt()).isEqualTo(2);
        assertThat(locator.locate(json("{\"customized_claims\":{\"runtime_data\":{\"tee-pubkey\":{\"n\":3}}}}"))
                .get("n").asInt()).isEqualTo(3);
        assertThat(locator.locate(json("{\"submods\":{\"cpu0\":{\"ear.veraison.annotated-evidence\":"
                + "{\"runtime_data_claims\":{\"tee-pubkey\":{\"n\":4}}}}}}")).get("n").asInt()).isEqualTo(4);
        assertThat(locator.locate(json("{\"tee-pubkey\":{\"n\":5}}")).get("n").asInt()).isEqualTo(5);
    }

    @Test
    void extraPathsComeFirstAndTheFirstHitWins() throws Exception {
        TeePublicKeyLocator locator = new TeePublicKeyLocator(List.of("/custom/key"));
        assertThat(locator.paths()).startsWith("/custom/key").hasSize(6);
        JsonNode both = json("{\"custom\":{\"key\":{\"n\":\"extra\"}},\"tee-pubkey\":{\"n\":\"top\"}}");
        assertThat(locator.locate(both).get("n").asText()).isEqualTo("extra");
        JsonNode ear = json("{\"submods\":{\"cpu0\":{\"ear.veraison.annotated-evidence\":"
                + "{\"runtime_data_claims\":{\"tee-pubkey\":{\"n\":\"ear\"}}}}},\"tee-pubkey\":{\"n\":\"top\"}}");
        assertThat(locator.locate(ear).get("n").asText()).isEqualTo("ear");
    }

    @Test
    void aMissingOrMalformedKeyIsATokenError() throws Exception {
        TeePublicKeyLocator locator = new TeePublicKeyLocator(List.of());
        assertThatThrownBy(() -> locator.locate(json("{\"submods\":{}}")))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("carries no TEE public key");
        assertThatThrownBy(() -> locator.locate(json("{\"tee-pubkey\":\"abc\"}")))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("is not a JSON object");
        assertThatThrownBy(() -> new TeePublicKeyLocator(List.of("custom"))).isInstanceOf(IllegalArgumentException.class);
    }
}
