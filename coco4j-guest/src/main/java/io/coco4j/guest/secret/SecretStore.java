package io.coco4j.guest.secret;

/**
 * Where a {@code vault} secret lives: the provider named in the secret ({@code kbs} for the KBS,
 * or a cloud KMS) returns it by name.
 */
@FunctionalInterface
public interface SecretStore {

    byte[] getSecret(String name, com.fasterxml.jackson.databind.node.ObjectNode annotations) throws SealedSecretException;
}
