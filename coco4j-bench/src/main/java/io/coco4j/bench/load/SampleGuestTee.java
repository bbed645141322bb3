package io.coco4j.bench.load;

import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.SampleAttester;

/** The sample TEE: what any KBS in development mode ({@code serve --dev}) accepts. */
final class SampleGuestTee implements GuestTee {

    private final SampleAttester attester = new SampleAttester();

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public Attester attester() {
        return attester;
    }

    @Override
    public BenchTrust trust() {
        return BenchTrust.sample();
    }
}
