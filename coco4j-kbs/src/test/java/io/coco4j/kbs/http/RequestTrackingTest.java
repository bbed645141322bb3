package io.coco4j.kbs.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestTrackingTest {

    @Test
    void accessLineMillisecondsHaveOneDecimalRoundedHalfUp() {
        assertEquals("0.0", RequestTracking.millis(0));
        assertEquals("0.0", RequestTracking.millis(49_999));
        assertEquals("0.1", RequestTracking.millis(50_000));
        assertEquals("0.9", RequestTracking.millis(949_999));
        assertEquals("1.0", RequestTracking.millis(950_000));
        assertEquals("12.3", RequestTracking.millis(12_345_678));
        assertEquals("1234.6", RequestTracking.millis(1_234_567_890));
    }
}
