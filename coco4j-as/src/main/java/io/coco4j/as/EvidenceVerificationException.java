package io.coco4j.as;

import io.coco4j.protocol.tee.Tee;
import io.coco4j.verifier.VerificationException;

/** A TEE's evidence failed verification; {@link #failure()} is the verifier's specific error. */
public final class EvidenceVerificationException extends AttestationException {

    private final Tee tee;
    private final VerificationException failure;

    public EvidenceVerificationException(Tee tee, VerificationException failure) {
        super(tee.wireName() + " evidence verification failed: " + failure.getMessage(), failure);
        this.tee = tee;
        this.failure = failure;
    }

    public Tee tee() {
        return tee;
    }

    /** The verifier's error: its type names the failed check ({@code ReportDataMismatchException}, {@code UnsupportedTeeException}, …). */
    public VerificationException failure() {
        return failure;
    }

    @Override
    public Kind kind() {
        return Kind.VERIFICATION;
    }
}
