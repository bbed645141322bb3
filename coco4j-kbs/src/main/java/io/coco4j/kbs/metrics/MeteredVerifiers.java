package io.coco4j.kbs.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.UnsupportedTeeException;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;
import io.coco4j.verifier.VerifierRegistry;

import java.util.List;

/** The same verifiers, each timed into {@code kbs_verifier_duration_seconds{tee_type,outcome}}. */
public final class MeteredVerifiers {

    private MeteredVerifiers() {
    }

    public static VerifierRegistry wrap(VerifierRegistry registry, KbsMetrics metrics) {
        VerifierRegistry.Builder metered = VerifierRegistry.builder(registry.mode());
        for (Tee tee : registry.tees()) {
            try {
                metered.add(new Timed(registry.verifier(tee), metrics));
            } catch (UnsupportedTeeException e) {
                throw new IllegalStateException("the registry lists " + tee + " without a verifier", e);
            }
        }
        return metered.build();
    }

    private record Timed(Verifier verifier, KbsMetrics metrics) implements Verifier {
        @Override
        public Tee tee() {
            return verifier.tee();
        }

        @Override
        public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
            long start = System.nanoTime();
            boolean verified = false;
            try {
                List<VerifiedClaims> claims = verifier.evaluate(evidence, expectation);
                verified = true;
                return claims;
            } finally {
                metrics.verifier(verifier.tee(), verified, System.nanoTime() - start);
            }
        }
    }
}
