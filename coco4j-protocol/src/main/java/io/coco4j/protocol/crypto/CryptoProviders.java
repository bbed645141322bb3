package io.coco4j.protocol.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;

/**
 * The one place that decides which JCA provider performs each primitive. Choices follow
 * measurements on the JVMs coco4j runs on (see the crypto benchmarks in coco4j-bench): Conscrypt
 * (BoringSSL) is fastest on P-256, BouncyCastle on P-384 and P-521, the JDK's own AES-GCM uses CPU
 * intrinsics. A native provider that cannot load is skipped in favour of the next candidate, and the
 * JDK provider is always the last resort.
 */
public final class CryptoProviders {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
    private static final CryptoProviders INSTANCE = new CryptoProviders();

    private final Map<Primitive, Provider> chosen = new EnumMap<>(Primitive.class);
    private final List<String> notes = new ArrayList<>();

    private CryptoProviders() {
        Provider conscrypt = loadConscrypt();
        Provider bc = new BouncyCastleProvider();
        choose(Primitive.EC_P256, conscrypt, bc);
        choose(Primitive.EC_P384, bc);
        choose(Primitive.EC_P521, bc);
        choose(Primitive.RSA);
        choose(Primitive.ED25519);
        choose(Primitive.AES);
    }

    private void choose(Primitive primitive, Provider... preferred) {
        for (Provider candidate : preferred) {
            if (candidate != null) {
                chosen.put(primitive, candidate);
                return;
            }
        }
        chosen.put(primitive, null); // null: the JDK's default provider for the algorithm
    }

    private Provider loadConscrypt() {
        if (Boolean.getBoolean("coco4j.crypto.noNative")) {
            notes.add("native provider disabled by -Dcoco4j.crypto.noNative");
            return null;
        }
        try {
            Provider provider = org.conscrypt.Conscrypt.newProvider();
            // Exercise the native library once, so a broken install is detected here and not mid-request.
            KeyPairGenerator.getInstance("EC", provider).initialize(new ECGenParameterSpec("secp256r1"));
            return provider;
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: fall back, never fail start-up
            notes.add("Conscrypt unavailable (" + e.getClass().getSimpleName() + "), using the next provider");
            return null;
        }
    }

    public static CryptoProviders get() {
        return INSTANCE;
    }

    /** The provider for a primitive, or {@code null} for the JDK's default. */
    public Provider provider(Primitive primitive) {
        return chosen.get(primitive);
    }

    /** One line per primitive naming its provider, for the start-up log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Primitive, Provider> entry : chosen.entrySet()) {
            lines.add(entry.getKey() + " -> " + (entry.getValue() == null ? "JDK" : entry.getValue().getName()));
        }
        lines.addAll(notes);
        return lines;
    }

    public void logChoices() {
        LOG.info("crypto providers: {}", String.join("; ", describe()));
    }

    /** The primitive an EC key belongs to, from its field size. */
    public static Primitive primitiveFor(ECParameterSpec params) {
        int bits = params.getCurve().getField().getFieldSize();
        return switch (bits) {
            case 256 -> Primitive.EC_P256;
            case 384 -> Primitive.EC_P384;
            case 521 -> Primitive.EC_P521;
            default -> throw new IllegalArgumentException("unsupported EC curve of " + bits + " bits");
        };
    }

    private Primitive primitiveFor(Key key) {
        if (key instanceof ECKey ec) {
            return primitiveFor(ec.getParams());
        }
        return switch (key.getAlgorithm()) {
            case "RSA", "RSASSA-PSS" -> Primitive.RSA;
            case "Ed25519", "EdDSA" -> Primitive.ED25519;
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        };
    }

    /** A signature engine for {@code key}'s primitive, not yet initialised. */
    public Signature signature(String algorithm, Key key) throws GeneralSecurityException {
        return signature(algorithm, primitiveFor(key));
    }

    /**
     * A signature engine for a primitive the caller knows, not yet initialised. Cheaper than asking
     * the key: a native provider's key rebuilds its curve parameters on every {@code getParams()}.
     */
    public Signature signature(String algorithm, Primitive primitive) throws GeneralSecurityException {
        Provider provider = chosen.get(primitive);
        return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
    }

    /** An ECDH key agreement for the curve of {@code key}, not yet initialised. */
    public KeyAgreement ecdh(ECKey key) throws GeneralSecurityException {
        return ecdh(primitiveFor(key.getParams()));
    }

    /** An ECDH key agreement for a curve the caller knows (see {@link #signature(String, Primitive)}). */
    public KeyAgreement ecdh(Primitive primitive) throws GeneralSecurityException {
        Provider provider = chosen.get(primitive);
        return provider == null ? KeyAgreement.getInstance("ECDH") : KeyAgreement.getInstance("ECDH", provider);
    }

    /** A fresh EC key pair on a named curve ({@code secp256r1}, {@code secp384r1}, {@code secp521r1}). */
    public KeyPair generateEcKeyPair(String curveName) throws GeneralSecurityException {
        Primitive primitive = switch (curveName) {
            case "secp256r1" -> Primitive.EC_P256;
            case "secp384r1" -> Primitive.EC_P384;
            case "secp521r1" -> Primitive.EC_P521;
            default -> throw new IllegalArgumentException("unsupported curve " + curveName);
        };
        Provider provider = chosen.get(primitive);
        KeyPairGenerator generator = provider == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec(curveName));
        return generator.generateKeyPair();
    }

    /** A key factory for EC keys of the given primitive. */
    public KeyFactory ecKeyFactory(Primitive primitive) throws GeneralSecurityException {
        Provider provider = chosen.get(primitive);
        return provider == null ? KeyFactory.getInstance("EC") : KeyFactory.getInstance("EC", provider);
    }

    /** A cipher for AES or RSA transformations. */
    public Cipher cipher(String transformation) throws GeneralSecurityException {
        Primitive primitive = transformation.startsWith("RSA") ? Primitive.RSA : Primitive.AES;
        Provider provider = chosen.get(primitive);
        return provider == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, provider);
    }
}
