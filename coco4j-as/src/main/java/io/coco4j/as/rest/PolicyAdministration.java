package io.coco4j.as.rest;

import java.util.Optional;

/** Decides whether a REST caller may change attestation policies, from its {@code Authorization} header. */
@FunctionalInterface
public interface PolicyAdministration {

    /** @throws AdministrationRefusedException with the reason, when the caller may not */
    void authorize(String method, String path, Optional<String> authorization) throws AdministrationRefusedException;

    /** The refusal of a policy change; the message says why (never a credential). */
    final class AdministrationRefusedException extends Exception {
        public AdministrationRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
