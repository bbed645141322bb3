package io.coco4j.as.policy;

import java.util.List;

/** A policy text that does not parse or compile; the message lists {@code file:line:column: problem}. */
public final class PolicyCompileException extends PolicyException {

    private final List<String> problems;

    public PolicyCompileException(String policyId, List<String> problems) {
        super("policy '" + policyId + "' does not compile: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
