package io.coco4j.guest.kbs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.guest.aa.KbsTokenResponse;

import java.nio.charset.StandardCharsets;

/** The guest reading what the KBS and the attestation agent hand it: an attestation token and the AA's token reply. */
public class GuestTokenFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            AttestationToken.parse(new String(input, StandardCharsets.UTF_8));
        } catch (KbsProtocolException expected) {
            // refused as documented
        }
        try {
            KbsTokenResponse.decode(input);
        } catch (KbsProtocolException expected) {
            // refused as documented
        }
    }
}
