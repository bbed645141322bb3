package io.coco4j.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HandshakeFloorTest {

    private final Timings timings = SampleTimings.timings();

    @Test
    void aSampleHandshakeCostsItsPrimitivesAndThreeRequests() {
        // ES256 sign 20 + verify 100 + fresh ECDH 100 + AES KW 2 + AES-GCM 3 + JCS+SHA-384 5 + 3 × HTTP 50
        assertThat(HandshakeFloor.SAMPLE.micros(timings)).isEqualTo(380.0);
        assertThat(HandshakeFloor.SAMPLE.perSecond(timings)).isCloseTo(1_000_000.0 / 380, within(1e-9));
    }

    @Test
    void evidenceAddsItsSignatureChecks() {
        assertThat(HandshakeFloor.SNP.micros(timings)).isEqualTo(380.0 + 1000.0);
        assertThat(HandshakeFloor.TDX.micros(timings)).isEqualTo(380.0 + 2 * 100.0);
    }

    @Test
    void floorsAreFoundByTeeName() {
        assertThat(HandshakeFloor.forTee("TDX")).contains(HandshakeFloor.TDX);
        assertThat(HandshakeFloor.forTee("sample")).contains(HandshakeFloor.SAMPLE);
        assertThat(HandshakeFloor.forTee("sev")).isEmpty();
    }
}
