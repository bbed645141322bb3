package io.coco4j.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.Tee;

import java.util.List;

/**
 * Verifies one TEE's evidence: every signature and certificate chain up to a pinned vendor root,
 * the binding of the expected report data and init-data digest, then flattens the report into the
 * claims the reference names. It never "passes" on a parse: any check that cannot be made fails.
 */
public interface Verifier {

    /** The TEE whose evidence this verifier accepts. */
    Tee tee();

    /**
     * Verifies {@code evidence} (the TEE's evidence JSON as sent by the guest).
     *
     * @param expectation the report data and init-data digest the evidence must bind
     * @return one claim set per verified (evidence, class) pair; most TEEs return exactly one
     * @throws VerificationException with a subtype naming the failed check
     */
    List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException;
}
