package io.coco4j.image.keywrap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.protocol.jose.FixedKeys;

import java.util.List;

/** A layer's {@code jwe} key-wrap entry (JSON-serialised JWE) opened with the image's private key. */
public class JweKeyUnwrapFuzzTest {

    /** The recipient key scalar of the seed entries: 32 bytes of this value. */
    public static final int RECIPIENT_KEY_BYTE = 0x33;

    private final JweKeyUnwrapper unwrapper = unwrapper();

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            unwrapper.unwrap(input);
        } catch (KeyUnwrapException expected) {
            // refused as documented
        }
    }

    private static JweKeyUnwrapper unwrapper() {
        try {
            return new JweKeyUnwrapper(List.of(FixedKeys.p256(RECIPIENT_KEY_BYTE).getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the recipient key", e);
        }
    }
}
