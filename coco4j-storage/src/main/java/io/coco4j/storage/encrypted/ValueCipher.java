package io.coco4j.storage.encrypted;

import io.coco4j.storage.StorageException;

/** Authenticated encryption of stored values, bound to where they are stored. */
public interface ValueCipher {

    /** The ciphertext of {@code plaintext}, carrying whatever the cipher needs to decrypt it (nonce, tag). */
    byte[] encrypt(byte[] plaintext, byte[] associatedData) throws StorageException;

    /** The plaintext; fails when the ciphertext or its associated data were changed. */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws StorageException;

    /** A short description for the start-up log, e.g. {@code AES-256-GCM with key 'kbs-resources' in SoftHSM}. */
    String describe();
}
