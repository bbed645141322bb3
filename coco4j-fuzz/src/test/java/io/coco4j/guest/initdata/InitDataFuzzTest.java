package io.coco4j.guest.initdata;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

/** An init-data TOML document as the guest reads it and as the attestation service reads it. */
public class InitDataFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            InitDataDocument.parse(input);
        } catch (InitDataException expected) {
            // refused as documented
        }
        try {
            io.coco4j.as.InitDataDocument.parse(new String(input, StandardCharsets.UTF_8));
        } catch (io.coco4j.as.InitDataException expected) {
            // refused as documented
        }
    }
}
