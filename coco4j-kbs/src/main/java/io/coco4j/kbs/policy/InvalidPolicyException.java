package io.coco4j.kbs.policy;

import java.util.List;

/** An uploaded policy that does not parse or compile; the message lists {@code file:line:column: problem}. */
public final class InvalidPolicyException extends Exception {

    public InvalidPolicyException(List<String> problems) {
        super("the policy does not compile: " + String.join("; ", problems));
    }
}
