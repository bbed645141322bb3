package io.coco4j.protocol.jose;

import io.coco4j.protocol.crypto.CryptoProviders;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;

/** The guest's ephemeral TEE key pair: the private half never leaves the guest, the public half is the {@code tee-pubkey}. */
public final class TeeKeyPair {

    private static final int RSA_BITS = 2048;

    private final TeeKeyAlgorithm algorithm;
    private final KeyPair keyPair;
    private final TeePublicKey publicJwk;

    private TeeKeyPair(TeeKeyAlgorithm algorithm, KeyPair keyPair, TeePublicKey publicJwk) {
        this.algorithm = algorithm;
        this.keyPair = keyPair;
        this.publicJwk = publicJwk;
    }

    public static TeeKeyPair generate(TeeKeyAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case EC_P256 -> ec(algorithm, CryptoProviders.get().generateEcKeyPair("secp256r1"));
                case EC_P521 -> ec(algorithm, CryptoProviders.get().generateEcKeyPair("secp521r1"));
                case RSA_OAEP_256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4));
                    KeyPair pair = generator.generateKeyPair();
                    yield new TeeKeyPair(algorithm, pair,
                            RsaTeePublicKey.of((RSAPublicKey) pair.getPublic(), JoseAlgorithms.RSA_OAEP_256));
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm.configName() + " key pair", e);
        }
    }

    /** Wraps an existing key pair (tests and fixed vectors). */
    public static TeeKeyPair of(TeeKeyAlgorithm algorithm, KeyPair keyPair) {
        if (keyPair.getPublic() instanceof ECPublicKey) {
            return ec(algorithm, keyPair);
        }
        return new TeeKeyPair(algorithm, keyPair,
                RsaTeePublicKey.of((RSAPublicKey) keyPair.getPublic(), JoseAlgorithms.RSA_OAEP_256));
    }

    private static TeeKeyPair ec(TeeKeyAlgorithm algorithm, KeyPair pair) {
        return new TeeKeyPair(algorithm, pair, EcTeePublicKey.of((ECPublicKey) pair.getPublic(), JoseAlgorithms.ECDH_ES_A256KW));
    }

    public TeeKeyAlgorithm algorithm() {
        return algorithm;
    }

    public TeePublicKey publicJwk() {
        return publicJwk;
    }

    PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    ECPublicKey ecPublicKey() {
        return (ECPublicKey) keyPair.getPublic();
    }
}
