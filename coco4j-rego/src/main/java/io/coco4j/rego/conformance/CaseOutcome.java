package io.coco4j.rego.conformance;

/** The result of one conformance case. {@code id} names it (file and note); {@code reason} explains a failure or skip. */
public record CaseOutcome(String id, Status status, String reason) {
    /** Pass, fail or skip. */
    public enum Status { PASSED, FAILED, SKIPPED }

    static CaseOutcome passed(String id) {
        return new CaseOutcome(id, Status.PASSED, null);
    }

    static CaseOutcome failed(String id, String reason) {
        return new CaseOutcome(id, Status.FAILED, reason);
    }

    static CaseOutcome skipped(String id, String reason) {
        return new CaseOutcome(id, Status.SKIPPED, reason);
    }
}
