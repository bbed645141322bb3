package io.coco4j.protocol.pkcs11;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * A logged-in PKCS#11 token through the JDK's SunPKCS11 provider. Keys never leave the token:
 * signing and AES-GCM run inside it. Keys are found by label (the key store alias); generated keys
 * are made token objects, since SunPKCS11 creates them as session objects that would vanish with
 * the session. One provider per module and slot serves the whole process, as a module is
 * initialised once per process.
 */
public final class Pkcs11Token {

    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();
    /**
     * SHA-256 of the PIN each provider logged in with. A token stays logged in for the whole process,
     * so SunPKCS11 skips the login of a later key store and would accept any PIN: compare instead.
     */
    private static final Map<Provider, byte[]> LOGINS = new ConcurrentHashMap<>();

    private final Pkcs11Settings settings;
    private final Provider provider;
    private final KeyStore keyStore;

    private Pkcs11Token(Pkcs11Settings settings, Provider provider, KeyStore keyStore) {
        this.settings = settings;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /** Loads the module, finds the slot and logs in. */
    public static Pkcs11Token open(Pkcs11Settings settings) throws Pkcs11Exception {
        if (!Files.isRegularFile(settings.library())) {
            throw new Pkcs11Exception("the PKCS#11 library " + settings.library() + " does not exist");
        }
        char[] pin = readPin(settings);
        Provider provider = provider(settings);
        byte[] pinDigest = digest(pin);
        try {
            synchronized (provider) {
                byte[] loggedIn = LOGINS.get(provider);
                if (loggedIn != null && !java.security.MessageDigest.isEqual(loggedIn, pinDigest)) {
                    throw new Pkcs11Exception("cannot log in to the PKCS#11 token at " + settings.describeToken()
                            + ": wrong PIN (this process is logged in to the token with another PIN)");
                }
                KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
                keyStore.load(null, pin);
                LOGINS.putIfAbsent(provider, pinDigest);
                return new Pkcs11Token(settings, provider, keyStore);
            }
        } catch (IOException e) {
            // SunPKCS11 reports a refused login as an IOException whose cause is CKR_PIN_INCORRECT
            throw new Pkcs11Exception("cannot log in to the PKCS#11 token at " + settings.describeToken() + ": "
                    + rootMessage(e), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Pkcs11Exception("cannot open the PKCS#11 token at " + settings.describeToken() + ": " + rootMessage(e), e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    private static byte[] digest(char[] pin) {
        try {
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pin));
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            sha256.update(bytes);
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static Provider provider(Pkcs11Settings settings) throws Pkcs11Exception {
        String slotLine = settings.slot().isPresent() ? "slot = " + settings.slot().get()
                : "slotListIndex = " + settings.slotListIndex().orElse(0);
        String key = settings.library().toAbsolutePath().normalize() + "|" + slotLine;
        try {
            return PROVIDERS.computeIfAbsent(key, k -> {
                String config = "--name = coco4j-" + Integer.toHexString(k.hashCode()) + "\n"
                        + "library = " + settings.library().toAbsolutePath().normalize() + "\n"
                        + slotLine + "\n";
                Provider base = Security.getProvider("SunPKCS11");
                if (base == null) {
                    throw new IllegalStateException("this JDK has no SunPKCS11 provider");
                }
                return base.configure(config);
            });
        } catch (RuntimeException e) {
            throw new Pkcs11Exception("cannot load the PKCS#11 module " + settings.library() + " for " + slotLine + ": "
                    + rootMessage(e), e);
        }
    }

    private static char[] readPin(Pkcs11Settings settings) throws Pkcs11Exception {
        if (settings.pin().isPresent()) {
            return settings.pin().get().toCharArray();
        }
        try {
            String text = Files.readString(settings.pinFile().orElseThrow(), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String first = (end < 0 ? text : text.substring(0, end)).strip();
            if (first.isEmpty()) {
                throw new Pkcs11Exception("the PIN file " + settings.pinFile().get() + " is empty");
            }
            return first.toCharArray();
        } catch (IOException e) {
            throw new Pkcs11Exception("cannot read the PIN file " + settings.pinFile().get() + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    public Provider provider() {
        return provider;
    }

    public Pkcs11Settings settings() {
        return settings;
    }

    /** The AES key with this label, if the token holds one. */
    public Optional<SecretKey> secretKey(String label) throws Pkcs11Exception {
        Key key = key(label);
        if (key == null) {
            return Optional.empty();
        }
        if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new Pkcs11Exception("the key '" + label + "' in the PKCS#11 token is not an AES key but " + key.getAlgorithm());
        }
        return Optional.of(secret);
    }

    /** Generates an AES key of {@code bits} inside the token and keeps it there under {@code label}. */
    public SecretKey generateAesKey(String label, int bits) throws Pkcs11Exception {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(bits);
            SecretKey sessionKey = generator.generateKey();
            keyStore.setEntry(label, new KeyStore.SecretKeyEntry(sessionKey), null);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Pkcs11Exception("cannot generate an AES-" + bits + " key '" + label + "' in the PKCS#11 token: " + rootMessage(e), e);
        }
        return secretKey(label).orElseThrow(() -> new Pkcs11Exception("the token did not keep the generated key '" + label + "'"));
    }

    /** The private key with this label and its certificate (SunPKCS11 pairs them by CKA_ID), if present. */
    public Optional<KeyStore.PrivateKeyEntry> privateKeyEntry(String label) throws Pkcs11Exception {
        try {
            if (!keyStore.isKeyEntry(label)) {
                return Optional.empty();
            }
            KeyStore.Entry entry = keyStore.getEntry(label, null);
            if (!(entry instanceof KeyStore.PrivateKeyEntry privateKeyEntry)) {
                throw new Pkcs11Exception("the key '" + label + "' in the PKCS#11 token is not a private key with a certificate");
            }
            return Optional.of(privateKeyEntry);
        } catch (GeneralSecurityException e) {
            throw new Pkcs11Exception("cannot read the key '" + label + "' from the PKCS#11 token: " + rootMessage(e), e);
        }
    }

    /**
     * Generates an EC key pair on {@code curve} (e.g. {@code secp256r1}) inside the token and keeps
     * it under {@code label} with a self-signed certificate made by the new key itself.
     */
    public KeyStore.PrivateKeyEntry generateEcKey(String label, String curve, String subject, Duration validity)
            throws Pkcs11Exception {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec(curve));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, subject, validity);
            keyStore.setEntry(label, new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {certificate}), null);
        } catch (GeneralSecurityException | OperatorCreationException | RuntimeException e) {
            throw new Pkcs11Exception("cannot generate an EC key '" + label + "' in the PKCS#11 token: " + rootMessage(e), e);
        }
        return privateKeyEntry(label).orElseThrow(() -> new Pkcs11Exception("the token did not keep the generated key '" + label + "'"));
    }

    private X509Certificate selfSigned(KeyPair pair, String subject, Duration validity)
            throws GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()).abs(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, pair.getPublic());
        PrivateKey key = pair.getPrivate();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private Key key(String label) throws Pkcs11Exception {
        try {
            return keyStore.isKeyEntry(label) ? keyStore.getKey(label, null) : null;
        } catch (GeneralSecurityException e) {
            throw new Pkcs11Exception("cannot read the key '" + label + "' from the PKCS#11 token: " + rootMessage(e), e);
        }
    }

    @Override
    public String toString() {
        return "PKCS#11 token at " + settings.describeToken();
    }
}
