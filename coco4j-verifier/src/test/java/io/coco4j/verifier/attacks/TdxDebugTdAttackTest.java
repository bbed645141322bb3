package io.coco4j.verifier.attacks;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.tdx.TdxClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TD launched in debug mode (the host can read its memory) produces a validly signed quote: the
 * verifier must not hide that, so the policy can refuse it on {@code td_attributes.debug}.
 */
class TdxDebugTdAttackTest {

    @TempDir
    Path collateral;

    @Test
    void debugTdIsExposedInTheClaims() throws Exception {
        TdxFixture fixture = new TdxFixture(collateral).withCollateral("UpToDate", List.of());
        JsonNode debug = fixture.verifier().evaluate(fixture.evidence(1L | 1L << 28), Expectation.none()).get(0).claims();
        assertThat(debug.at("/td_attributes/debug").asBoolean()).isTrue();
        assertThat(debug.at("/quote/body/td_attributes").asText()).isEqualTo("0100001000000000");
        JsonNode production = fixture.verifier().evaluate(fixture.evidence(1L << 28), Expectation.none()).get(0).claims();
        assertThat(production.at("/td_attributes/debug").asBoolean()).isFalse();
    }

    @Test
    void realDebugQuoteOfTheVectorsIsExposed() throws Exception {
        DcapQuote quote = DcapQuote.parse(Files.readAllBytes(TestVectors.resolve("tdx/trustee/tdx_quote_4.dat")));
        assertThat(TdxClaims.of(quote, Optional.empty(), Optional.empty()).at("/td_attributes/debug").asBoolean()).isTrue();
    }
}
