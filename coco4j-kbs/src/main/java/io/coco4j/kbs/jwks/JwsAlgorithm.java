package io.coco4j.kbs.jwks;

import java.util.Optional;

/**
 * The signature algorithms accepted on tokens. {@code none} and the HMAC algorithms are deliberately
 * absent: a token verified with a public key must never be accepted with a shared secret or without
 * a signature.
 */
public enum JwsAlgorithm {
    ES256("ES256"), ES384("ES384"), ES512("ES512"),
    RS256("RS256"), RS384("RS384"), RS512("RS512"),
    PS256("PS256"), PS384("PS384"), PS512("PS512"),
    EDDSA("EdDSA"), ED25519("Ed25519");

    private final String joseName;

    JwsAlgorithm(String joseName) {
        this.joseName = joseName;
    }

    /** The {@code alg} header value. */
    public String joseName() {
        return joseName;
    }

    public boolean isEcdsa() {
        return this == ES256 || this == ES384 || this == ES512;
    }

    public boolean isRsa() {
        return name().startsWith("RS") || name().startsWith("PS");
    }

    public boolean isEdwards() {
        return this == EDDSA || this == ED25519;
    }

    public static Optional<JwsAlgorithm> parse(String alg) {
        for (JwsAlgorithm algorithm : values()) {
            if (algorithm.joseName.equals(alg)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** Parses {@code alg}, explaining a refusal. */
    public static JwsAlgorithm require(String alg) throws JwsException {
        Optional<JwsAlgorithm> algorithm = parse(alg);
        if (algorithm.isPresent()) {
            return algorithm.get();
        }
        if ("none".equalsIgnoreCase(alg)) {
            throw new JwsException("unsigned tokens (alg \"none\") are not accepted");
        }
        if (alg.startsWith("HS")) {
            throw new JwsException("shared-secret signatures (alg \"" + alg + "\") are not accepted");
        }
        throw new JwsException("signature algorithm \"" + alg + "\" is not supported");
    }
}
