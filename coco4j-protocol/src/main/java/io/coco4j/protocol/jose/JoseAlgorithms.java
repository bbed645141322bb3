package io.coco4j.protocol.jose;

/** JWE algorithm names used by the KBS protocol. */
public final class JoseAlgorithms {

    public static final String ECDH_ES_A256KW = "ECDH-ES+A256KW";
    public static final String RSA_OAEP_256 = "RSA-OAEP-256";
    public static final String RSA1_5 = "RSA1_5";
    public static final String A256GCM = "A256GCM";

    private JoseAlgorithms() {
    }
}
