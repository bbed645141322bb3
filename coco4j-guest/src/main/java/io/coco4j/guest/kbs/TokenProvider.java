package io.coco4j.guest.kbs;

/**
 * Source of fresh attestation tokens for token-mode resource requests: typically a {@link KbsClient}
 * (one RCAR handshake per call) or, later, an attestation agent serving {@code GetToken}.
 */
@FunctionalInterface
public interface TokenProvider {

    /** A newly obtained token and its key pair; never a cached one, since a 401 asks for a new token. */
    TokenCredential newToken() throws KbsClientException;
}
