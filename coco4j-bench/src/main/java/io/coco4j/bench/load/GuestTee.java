package io.coco4j.bench.load;

import io.coco4j.guest.attester.Attester;

/**
 * The TEE the simulated guests run on: the attester that makes their evidence, and the verifiers a
 * KBS needs to accept it. For {@code snp} and {@code tdx} the evidence is signed by a vendor chain
 * generated for this run, so only a KBS the benchmark starts with {@link #trust()} (in this JVM or as
 * a process of its own) accepts it; its verifiers are the production ones, pinned to the generated root.
 */
public interface GuestTee {

    /** The TEE's wire name: {@code sample}, {@code snp}, {@code tdx}. */
    String name();

    /** Makes fresh evidence for every report data it is given; safe for concurrent use. */
    Attester attester();

    /** What the benchmark's KBS trusts: the generated root of the hardware TEEs, nothing for the sample TEE. */
    BenchTrust trust();
}
