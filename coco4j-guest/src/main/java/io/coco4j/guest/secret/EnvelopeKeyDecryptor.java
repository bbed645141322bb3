package io.coco4j.guest.secret;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A KMS that unwraps the data key of an {@code envelope} secret. */
@FunctionalInterface
public interface EnvelopeKeyDecryptor {

    byte[] decryptKey(byte[] encryptedKey, String keyId, ObjectNode annotations) throws SealedSecretException;
}
