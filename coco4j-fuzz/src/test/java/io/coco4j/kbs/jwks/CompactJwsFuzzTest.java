package io.coco4j.kbs.jwks;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

/** A compact JWS (admin tokens, attestation tokens) split, decoded and its header fields read. */
public class CompactJwsFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            CompactJws jws = CompactJws.parse(new String(input, StandardCharsets.UTF_8));
            JwsAlgorithm.parse(jws.algorithm());
            jws.keyId();
            jws.headerJwk();
            jws.signingInput();
            ExpirationClaim.read(jws.claims());
        } catch (JwsException expected) {
            // refused as documented
        }
    }
}
