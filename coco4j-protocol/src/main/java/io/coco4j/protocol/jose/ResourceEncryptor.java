package io.coco4j.protocol.jose;

import io.coco4j.protocol.crypto.CryptoProviders;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a resource to a TEE public key as the KBS does: A256GCM content encryption under a fresh
 * CEK, the CEK wrapped with ECDH-ES+A256KW or RSA-OAEP-256. The protected header is written by hand
 * in the exact compact member order the guest re-serialises to rebuild the AAD.
 */
public final class ResourceEncryptor {

    private static final int CEK_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final OAEPParameterSpec OAEP_SHA256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final SecureRandom random;

    public ResourceEncryptor() {
        this(new SecureRandom());
    }

    public ResourceEncryptor(SecureRandom random) {
        this.random = random;
    }

    /** Encrypts {@code plaintext} to a key that has already passed {@link TeePublicKey#toPublicKey}. */
    public JweResponse encrypt(byte[] plaintext, TeePublicKey teeKey, TeePublicKey.KeyPolicy policy) throws JweException {
        PublicKey recipient;
        try {
            recipient = teeKey.toPublicKey(policy);
        } catch (InvalidTeeKeyException e) {
            throw new JweException(e.getMessage(), e);
        }
        byte[] cek = new byte[CEK_BYTES];
        random.nextBytes(cek);
        try {
            String header;
            byte[] encryptedKey;
            if (teeKey instanceof EcTeePublicKey ec) {
                EcCurve curve = ec.curve();
                KeyPair ephemeral = CryptoProviders.get().generateEcKeyPair(curve.stdName());
                byte[] z = agree(ephemeral, (ECPublicKey) recipient, curve);
                byte[] kek = ConcatKdf.deriveA256Kek(z, JoseAlgorithms.ECDH_ES_A256KW);
                Arrays.fill(z, (byte) 0);
                encryptedKey = aesKeyWrap(kek, cek);
                Arrays.fill(kek, (byte) 0);
                header = ecHeader(EcTeePublicKey.of((ECPublicKey) ephemeral.getPublic(), curve, JoseAlgorithms.ECDH_ES_A256KW), curve);
            } else {
                String alg = teeKey.alg();
                Cipher rsa;
                if (JoseAlgorithms.RSA1_5.equals(alg)) {
                    rsa = CryptoProviders.get().cipher("RSA/ECB/PKCS1Padding");
                    rsa.init(Cipher.ENCRYPT_MODE, recipient, random);
                } else {
                    rsa = CryptoProviders.get().cipher("RSA/ECB/OAEPPadding");
                    rsa.init(Cipher.ENCRYPT_MODE, recipient, OAEP_SHA256, random);
                }
                encryptedKey = rsa.doFinal(cek);
                header = "{\"alg\":" + quoted(alg) + ",\"enc\":\"A256GCM\"}";
            }
            return seal(header, encryptedKey, cek, plaintext);
        } catch (GeneralSecurityException | InvalidTeeKeyException e) {
            throw new JweException("cannot encrypt the resource to the TEE key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(cek, (byte) 0);
        }
    }

    private static String ecHeader(EcTeePublicKey epk, EcCurve curve) {
        return "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"epk\":{\"crv\":" + quoted(curve.jwkName())
                + ",\"kty\":\"EC\",\"x\":" + quoted(epk.x()) + ",\"y\":" + quoted(epk.y()) + "}}";
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                // algorithm names and b64url never contain these; refuse rather than guess an escaping
                throw new IllegalArgumentException("unexpected character in a JOSE header value");
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static byte[] agree(KeyPair ephemeral, ECPublicKey peer, EcCurve curve) throws GeneralSecurityException {
        KeyAgreement agreement = CryptoProviders.get().ecdh(curve.primitive());
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(peer, true);
        return agreement.generateSecret();
    }

    static byte[] aesKeyWrap(byte[] kek, byte[] key) throws GeneralSecurityException {
        Cipher wrap = CryptoProviders.get().cipher("AESWrap");
        wrap.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
        return wrap.wrap(new SecretKeySpec(key, "AES"));
    }

    private JweResponse seal(String header, byte[] encryptedKey, byte[] cek, byte[] plaintext) throws GeneralSecurityException {
        String protectedHeader = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8));
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher gcm = CryptoProviders.get().cipher("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        gcm.updateAAD(protectedHeader.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = gcm.doFinal(plaintext);
        int tagStart = sealed.length - TAG_BITS / 8;
        return new JweResponse(protectedHeader, Base64Url.encode(encryptedKey), Base64Url.encode(iv),
                Base64Url.encode(Arrays.copyOfRange(sealed, 0, tagStart)),
                Base64Url.encode(Arrays.copyOfRange(sealed, tagStart, sealed.length)));
    }
}
