package io.coco4j.fuzz.jose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.fuzz.VectorSeeds;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * The nimbus-jose-jwt parsers the project relies on (JWK, JWK set, JWS, JWE, signed JWT), held to
 * their documented contract: a value or {@link ParseException}. The project's own callers are
 * fuzzed by their targets; this one tells whether a surprise comes from the library.
 */
@VectorSeeds({"kbs-jwk/*-jwk.json", "as-token/expected-jwks.json"})
public class NimbusJoseFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            JWK.parse(text);
        } catch (ParseException expected) {
            // refused as documented
        }
        try {
            JWKSet.parse(text);
        } catch (ParseException expected) {
            // refused as documented
        }
        try {
            JWSObject.parse(text);
        } catch (ParseException expected) {
            // refused as documented
        }
        try {
            JWEObject.parse(text);
        } catch (ParseException expected) {
            // refused as documented
        }
        try {
            SignedJWT.parse(text).getJWTClaimsSet();
        } catch (ParseException expected) {
            // refused as documented
        }
    }
}
