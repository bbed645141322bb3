package io.coco4j.guest.sdk;

import java.net.URI;

/**
 * What a confidential workload asks for: resources from the KBS by resource URI, its attestation
 * token, and the plaintext of sealed secrets. Implementations attest in-process or use the pod's
 * Confidential Data Hub and Attestation Agent. Returned bytes are the caller's; the client never logs
 * them. Safe for use by several threads.
 */
public interface Coco4jClient extends AutoCloseable {

    /** The resource behind {@code kbs:///<repository>/<type>/<tag>} (or {@code kbs+<plugin>:///…}). */
    byte[] getResource(URI resource) throws Coco4jException;

    /** As {@link #getResource(URI)}, from the URI's text. */
    byte[] getResource(String resource) throws Coco4jException;

    /** A fresh KBS attestation token (a JWT) for this guest. */
    String getToken() throws Coco4jException;

    /** The plaintext of a sealed secret ({@code sealed.…}). */
    byte[] unsealSecret(String sealedSecret) throws Coco4jException;

    @Override
    void close();
}
