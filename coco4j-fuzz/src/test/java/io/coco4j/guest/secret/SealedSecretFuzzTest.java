package io.coco4j.guest.secret;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

/** A sealed secret ({@code sealed.<jws>}) as the confidential data hub reads it from a pod spec. */
public class SealedSecretFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            SealedSecret.parse(new String(input, StandardCharsets.UTF_8));
        } catch (SealedSecretException expected) {
            // refused as documented
        }
    }
}
