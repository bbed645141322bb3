package io.coco4j.as.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.as.AttestationService;
import io.coco4j.as.EvidenceVerificationException;
import io.coco4j.as.InitDataInput;
import io.coco4j.as.RuntimeDataInput;
import io.coco4j.as.VerificationRequest;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.VerifierRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Structured runtime data is bound as {@code H(JCS(value))} (RFC 8785), whatever spelling of the
 * same JSON the request uses: member order, escapes and number forms ({@code 1.0}, {@code 1e2},
 * {@code -0}) do not change the digest. A report that bound a non-canonical serialisation, a
 * padded or a cut digest, or different values, is refused.
 */
class StructuredRuntimeDataAttackTest {

    /** What the guest hashed: the canonical form. */
    private static final String CANONICAL = "{\"a\":[1,100,0,0.5,1e+21],\"nonce\":\"\u00e9\",\"z\":{\"x\":true}}";
    /** What the request carries: the same JSON, spelt differently. */
    private static final String SPELT = "{\"z\":{\"x\":true},\"nonce\":\"\\u00e9\",\"a\":[1.0,1e2,-0,5E-1,1000000000000000000000]}";

    private static AttestationService service() throws Exception {
        return AttestationService.create(new MemoryStorage(), EarTokenBrokerSettings.defaults(), VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT),
                BuiltinReferenceValueProvider.builder(new InMemoryReferenceValueStore()).extractor(new SampleExtractor()).build());
    }

    private static String attest(byte[] reportData, String runtimeData) throws Exception {
        JsonNode evidence = Json.readTree("{\"svn\":\"1\",\"report_data\":\"" + Base64.getEncoder().encodeToString(reportData) + "\"}");
        return service().evaluate(List.of(new VerificationRequest(Tee.SAMPLE, evidence, RuntimeDataInput.structured(Json.readTree(runtimeData)),
                InitDataInput.NONE, HashAlgorithm.SHA384)), List.of("default"));
    }

    private static byte[] sha384(String text) {
        return HashAlgorithm.SHA384.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everySpellingOfTheSameJsonBindsTheCanonicalDigest() throws Exception {
        String token = attest(sha384(CANONICAL), SPELT);
        JsonNode claims = Json.readTree(SignedJWT.parse(token).getPayload().toString());
        assertThat(claims.at("/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/nonce").asText()).isEqualTo("\u00e9");
        assertThat(attest(sha384(CANONICAL), CANONICAL)).isNotEmpty();
    }

    @Test
    void aReportOverANonCanonicalSerialisationIsRefused() {
        assertThatThrownBy(() -> attest(sha384(SPELT), SPELT)).isInstanceOfSatisfying(EvidenceVerificationException.class,
                e -> assertThat(e.failure()).isInstanceOf(ReportDataMismatchException.class));
    }

    @Test
    void otherValuesPaddedOrCutDigestsAreRefused() {
        for (String other : new String[] {CANONICAL.replace("100", "101"), CANONICAL.replace("0.5", "0.50000001"), CANONICAL.replace("true", "1")}) {
            assertThatThrownBy(() -> attest(sha384(other), SPELT)).as(other).isInstanceOf(EvidenceVerificationException.class);
        }
        byte[] digest = sha384(CANONICAL);
        assertThatThrownBy(() -> attest(java.util.Arrays.copyOf(digest, 64), SPELT)).isInstanceOf(EvidenceVerificationException.class);
        assertThatThrownBy(() -> attest(java.util.Arrays.copyOf(digest, 32), SPELT)).isInstanceOf(EvidenceVerificationException.class);
    }
}
