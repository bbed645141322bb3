package io.coco4j.protocol.jose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.protocol.json.Json;

import java.io.IOException;

/**
 * A KBS resource response (flattened JWE JSON) decrypted by the guest with its TEE key. The EC
 * key is fixed so that seeds encrypted to it decrypt; the RSA key only exercises the unwrap path.
 */
public class ResourceJweFuzzTest {

    /** The TEE key scalar of the seed responses: 32 bytes of this value. */
    public static final int TEE_KEY_BYTE = 0x11;

    private final TeeKeyPair ecKey = fixedEcKey();
    private final TeeKeyPair rsaKey = TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256);

    @FuzzTest
    public void fuzz(byte[] input) {
        JweResponse jwe;
        try {
            jwe = Json.read(input, JweResponse.class);
        } catch (IOException notAResponse) {
            return;
        }
        if (jwe == null) {
            return;
        }
        for (TeeKeyPair key : new TeeKeyPair[] {ecKey, rsaKey}) {
            try {
                ResourceDecryptor.decrypt(jwe, key);
            } catch (JweException expected) {
                // refused as documented
            }
        }
    }

    public static TeeKeyPair fixedEcKey() {
        try {
            return TeeKeyPair.of(TeeKeyAlgorithm.EC_P256, FixedKeys.p256(TEE_KEY_BYTE));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the fixed TEE key", e);
        }
    }
}
