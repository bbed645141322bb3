package io.coco4j.kbs.token;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.coco4j.kbs.jwks.TrustedJwkSet;
import io.coco4j.fuzz.FixedCertificates;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.protocol.jose.FixedKeys;
import io.coco4j.protocol.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An attestation token presented to the KBS resource endpoint, checked by the three key routes:
 * a trusted JWK set (by kid), a header JWK endorsed by an x5c chain, and an insecure header JWK.
 */
@VectorSeeds({"as-token/*.json"})
public class AttestationTokenFuzzTest {

    /** The signing key scalar of the seed tokens: 32 bytes of this value. */
    public static final int SIGNER_KEY_BYTE = 0x22;
    public static final String KID = "fuzz-signer";
    /** The root key scalar and name that endorse header JWKs through x5c. */
    public static final int ROOT_KEY_BYTE = 0x23;
    public static final String ROOT_NAME = "fuzz token root";
    /** Seed tokens expire after this instant; the verifiers' clock stands before it. */
    public static final Instant CLOCK = Instant.parse("2026-01-01T00:00:00Z");

    private final List<AttestationTokenVerifier> verifiers = verifiers();

    @FuzzTest
    public void fuzz(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        for (AttestationTokenVerifier verifier : verifiers) {
            try {
                verifier.verify(token);
            } catch (TokenVerificationException expected) {
                // refused as documented
            }
        }
    }

    public static JsonNode signerJwk() throws Exception {
        KeyPair keys = FixedKeys.p256(SIGNER_KEY_BYTE);
        return Json.readTree(new ECKey.Builder(Curve.P_256, (ECPublicKey) keys.getPublic())
                .keyID(KID).algorithm(JWSAlgorithm.ES256).build().toJSONString());
    }

    private static List<AttestationTokenVerifier> verifiers() {
        try {
            Clock clock = Clock.fixed(CLOCK, ZoneOffset.UTC);
            List<TrustedJwkSet> sets = List.of(new TrustedJwkSet("fuzz", List.of(signerJwk())));
            TrustedCertificates roots = TrustedCertificates.of(List.of(FixedCertificates.root(FixedKeys.p256(ROOT_KEY_BYTE), ROOT_NAME)));
            return List.of(
                    new AttestationTokenVerifier(TrustedCertificates.of(List.of()), sets, false, clock),
                    new AttestationTokenVerifier(roots, List.of(), false, clock),
                    new AttestationTokenVerifier(TrustedCertificates.of(List.of()), List.of(), true, clock));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the token verifiers", e);
        }
    }
}
