package io.coco4j.guest.secret;

/** Finds the public JWK a sealed secret's {@code kid} names. */
@FunctionalInterface
public interface VerificationKeys {

    byte[] publicJwk(String kid) throws SealedSecretException;
}
