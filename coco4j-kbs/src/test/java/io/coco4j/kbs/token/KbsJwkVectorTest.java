package io.coco4j.kbs.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.jwks.JwkPublicKeys;
import io.coco4j.kbs.testing.TestPki;
import io.coco4j.protocol.testing.TestVectors;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference's x5c endorsement scenarios ({@code vectors/kbs-jwk}): each verifier trusts only that
 * scenario's {@code trust.pem}. The roots are valid from 2026-04-15 to 2036-04-12.
 */
class KbsJwkVectorTest {

    private static final Clock DURING_VALIDITY = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    private static Path dir;

    @BeforeAll
    static void locateVectors() {
        dir = TestVectors.resolve("kbs-jwk");
    }

    private static PublicKey endorse(String scenario) throws Exception {
        TrustedCertificates trusted = TrustedCertificates.load(List.of(dir.resolve(scenario + "-trust.pem")));
        JsonNode jwk = TestPki.JSON.readTree(dir.resolve(scenario + "-jwk.json").toFile());
        return new HeaderJwkEndorsement(trusted, DURING_VALIDITY).verify(jwk);
    }

    private static JsonNode jwk(String scenario) throws Exception {
        return TestPki.JSON.readTree(dir.resolve(scenario + "-jwk.json").toFile());
    }

    @Test
    void scenario01LeafSignedDirectlyByTheTrustedRootIsEndorsed() throws Exception {
        PublicKey key = endorse("scenario01");
        assertThat(JwkPublicKeys.sameKey(key, JwkPublicKeys.toPublicKey(jwk("scenario01")))).isTrue();
    }

    @Test
    void scenario02JwkThatDiffersFromTheLeafIsRejected() {
        assertThatThrownBy(() -> endorse("scenario02")).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("jwk does not match x5c");
    }

    @Test
    void scenario03JwkWithoutX5cIsRejected() {
        assertThatThrownBy(() -> endorse("scenario03")).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("no x5c");
    }

    @Test
    void scenario04UnrelatedTrustedRootIsRejected() {
        assertThatThrownBy(() -> endorse("scenario04")).isInstanceOf(TokenVerificationException.class)
                .hasMessageContaining("does not chain to a trusted root");
    }

    @Test
    void scenario05LeafThroughAnIntermediateIsEndorsed() throws Exception {
        assertThat(JwkPublicKeys.sameKey(endorse("scenario05"), JwkPublicKeys.toPublicKey(jwk("scenario05")))).isTrue();
    }

    @Test
    void scenario06PermutedIntermediatesAndADecoyRootAreEndorsed() throws Exception {
        assertThat(JwkPublicKeys.sameKey(endorse("scenario06"), JwkPublicKeys.toPublicKey(jwk("scenario06")))).isTrue();
    }

    @Test
    void scenario01IsRejectedAfterTheCertificatesExpire() throws Exception {
        TrustedCertificates trusted = TrustedCertificates.load(List.of(dir.resolve("scenario01-trust.pem")));
        Clock later = Clock.fixed(Instant.parse("2036-05-01T00:00:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> new HeaderJwkEndorsement(trusted, later).verify(jwk("scenario01")))
                .isInstanceOf(TokenVerificationException.class).hasMessageContaining("expired");
    }
}
