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
        } catch (NullPointerException e) {
            if (!isMissingEncryptionMethod(e)) {
                throw e;
            }
        }
        try {
            SignedJWT.parse(text).getJWTClaimsSet();
        } catch (ParseException expected) {
            // refused as documented
        }
    }

    /**
     * The one known library bug, tolerated so that others still surface: nimbus-jose-jwt 10.10's
     * JWE header parser throws NullPointerException when {@code enc} is missing (the project's JWE
     * caller, JweKeyUnwrapper, refuses such input itself; see its regression input).
     */
    private static boolean isMissingEncryptionMethod(NullPointerException e) {
        StackTraceElement[] stack = e.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals("com.nimbusds.jose.EncryptionMethod")
                && stack[0].getMethodName().equals("parse");
    }
}
