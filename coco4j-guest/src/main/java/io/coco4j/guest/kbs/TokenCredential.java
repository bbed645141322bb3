package io.coco4j.guest.kbs;

import io.coco4j.protocol.jose.TeeKeyPair;

import java.util.Objects;

/**
 * An attestation token together with the TEE key pair whose public half it certifies: the KBS
 * encrypts resources requested with this token to that key, so only this pair can open them.
 */
public record TokenCredential(AttestationToken token, TeeKeyPair teeKeyPair) {

    public TokenCredential {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(teeKeyPair, "teeKeyPair");
    }

    @Override
    public String toString() {
        return "TokenCredential[" + token + ", " + teeKeyPair.algorithm().configName() + "]";
    }
}
