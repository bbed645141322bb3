package io.coco4j.bench.load;

import io.coco4j.guest.attester.Attester;
import io.coco4j.verifier.VerifierRegistry;

/**
 * The TEE the simulated guests run on: the attester that makes their evidence, and the verifiers a
 * KBS needs to accept it. For {@code snp} and {@code tdx} the evidence is signed by a vendor chain
 * generated for this run, so only a KBS started with {@link #verifiers()} (in this JVM, for the
 * benchmark) trusts it; the verifiers are the production ones, pinned to the generated root.
 */
public interface GuestTee {

    /** The TEE's wire name: {@code sample}, {@code snp}, {@code tdx}. */
    String name();

    /** Makes fresh evidence for every report data it is given; safe for concurrent use. */
    Attester attester();

    /** A development-mode registry: the sample verifiers plus, for hardware TEEs, the one trusting the generated chain. */
    VerifierRegistry verifiers();
}
