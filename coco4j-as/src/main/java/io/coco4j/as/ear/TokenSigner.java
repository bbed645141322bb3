package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The key that signs EAR tokens, for other signatures of the same authority (e.g. audit-log
 * checkpoints), so that one published key vouches for both.
 */
public interface TokenSigner {

    /** The public JWK as published in token headers and the JWKS (a copy). */
    ObjectNode publicJwk();

    /** The certificate chain of the key, leaf first; empty when it has none. */
    List<X509Certificate> certificateChain();

    /** The JWS signature of ES256 over {@code signingInput}: the 64-byte R‖S concatenation. */
    byte[] signEs256(byte[] signingInput) throws TokenSigningException;
}
