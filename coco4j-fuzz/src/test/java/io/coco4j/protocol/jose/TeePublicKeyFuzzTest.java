package io.coco4j.protocol.jose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.protocol.json.Json;

import java.io.IOException;

/** The TEE public key (a JWK) a guest puts in its attestation request, as the KBS reads it. */
@VectorSeeds({"kbs-jwk/*-jwk.json"})
public class TeePublicKeyFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        JsonNode json;
        try {
            json = Json.readTree(input);
        } catch (IOException notJson) {
            return;
        }
        try {
            TeePublicKey key = TeePublicKey.fromJson(json);
            key.toPublicKey(TeePublicKey.KeyPolicy.DEFAULT);
            key.toPublicKey(new TeePublicKey.KeyPolicy(true));
        } catch (InvalidTeeKeyException expected) {
            // refused as documented
        }
    }
}
