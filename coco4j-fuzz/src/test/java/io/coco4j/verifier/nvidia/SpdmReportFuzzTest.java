package io.coco4j.verifier.nvidia;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** An NVIDIA GPU's SPDM GET_MEASUREMENTS request/response pair as its evidence carries it. */
public class SpdmReportFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            SpdmMeasurementReport.parse(input);
        } catch (SpdmFormatException expected) {
            // refused as documented
        }
    }
}
