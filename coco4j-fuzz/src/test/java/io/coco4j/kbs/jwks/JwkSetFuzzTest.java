package io.coco4j.kbs.jwks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.fuzz.VectorSeeds;

/** A trusted JWK set document and each of its keys turned into a public key. */
@VectorSeeds({"kbs-jwk/*-jwk.json", "as-token/expected-jwks.json"})
public class JwkSetFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        TrustedJwkSet set;
        try {
            set = JwkSetLoader.parse("fuzz input", input);
        } catch (KeySourceException expected) {
            return;
        }
        for (JsonNode key : set.keys()) {
            try {
                JwkPublicKeys.toPublicKey(key);
            } catch (JwsException expected) {
                // refused as documented
            }
        }
    }
}
