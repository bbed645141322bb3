package io.coco4j.protocol.crypto;

/** Cryptographic operations whose provider is chosen separately, each by measurement. */
public enum Primitive {
    /** ECDSA, key generation and ECDH on NIST P-256 (EAR tokens, TEE keys, JWE). */
    EC_P256,
    /** ECDSA and ECDH on P-384 (SNP report and VCEK signatures, DCAP collateral). */
    EC_P384,
    /** ECDSA and ECDH on P-521 (TEE keys selected by some guests). */
    EC_P521,
    /** RSA signatures (PKCS#1 v1.5 and PSS) and RSA-OAEP. */
    RSA,
    /** EdDSA (admin tokens). */
    ED25519,
    /** AES-GCM and AES key wrap. */
    AES
}
