package io.coco4j.rvps.intoto;

import io.coco4j.rvps.ProvenanceException;

/** in-toto verification refused the supply chain; {@link #failure()} says which check. */
public final class InTotoVerificationException extends ProvenanceException {

    /** The check that failed. */
    public enum Failure {
        /** The metadata is not in-toto v0.9 (or uses a feature coco4j does not verify). */
        MALFORMED,
        /** The layout lacks valid signatures by enough trusted layout keys. */
        LAYOUT_SIGNATURE,
        /** The layout (or a sublayout) has expired. */
        LAYOUT_EXPIRED,
        /** A step has fewer links than its threshold: links are missing. */
        LINK_MISSING,
        /** A step has fewer validly signed links from its functionaries than its threshold. */
        LINK_SIGNATURE,
        /** The links of a step with threshold above one disagree on materials or products. */
        THRESHOLD_MISMATCH,
        /** An artifact rule of a step or inspection was violated (DISALLOW, REQUIRE). */
        ARTIFACT_RULE,
        /** An inspection rule needs the inspection's products, which only running it would give. */
        INSPECTION_NOT_EVALUABLE,
        /** A supplied final product differs from what the last step recorded. */
        ARTIFACT_MISMATCH
    }

    private final Failure failure;

    public InTotoVerificationException(Failure failure, String message) {
        super("in-toto verification failed (" + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): " + message);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
