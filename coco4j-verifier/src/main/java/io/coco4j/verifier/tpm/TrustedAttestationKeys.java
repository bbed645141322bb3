package io.coco4j.verifier.tpm;

import io.coco4j.protocol.crypto.CryptoProviders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attestation keys a {@code tpm} verifier accepts, pinned by the SHA-256 of their DER
 * SubjectPublicKeyInfo. A TPM's AK is only as trustworthy as its enrolment, which happens out of band:
 * operators drop each enrolled AK as a PEM file ending in {@code .pub} into one directory.
 */
public final class TrustedAttestationKeys {

    private final Set<String> fingerprints;

    private TrustedAttestationKeys(Set<String> fingerprints) {
        this.fingerprints = Set.copyOf(fingerprints);
    }

    public static TrustedAttestationKeys of(List<PublicKey> keys) {
        Set<String> pins = new HashSet<>();
        keys.forEach(key -> pins.add(fingerprint(key)));
        return new TrustedAttestationKeys(pins);
    }

    /**
     * Every {@code *.pub} PEM public key in {@code directory} (in name order, at most {@code max}).
     * A file that is not a public key is a configuration error, not something to skip silently.
     *
     * @throws IOException when the directory cannot be read or a key file does not parse
     */
    public static TrustedAttestationKeys load(Path directory, int max) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("trusted AK keys directory " + directory + " does not exist");
        }
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.pub")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            if (keys.size() == max) {
                break;
            }
            try {
                keys.add(parsePem(Files.readString(file, StandardCharsets.US_ASCII)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("trusted AK key " + file + " is not a PEM public key: " + e.getMessage(), e);
            }
        }
        return of(keys);
    }

    public int size() {
        return fingerprints.size();
    }

    public boolean trusts(PublicKey key) {
        return fingerprints.contains(fingerprint(key));
    }

    /** A PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo), RSA or EC. */
    static PublicKey parsePem(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        if (body.isEmpty() || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new GeneralSecurityException("no PUBLIC KEY block");
        }
        return decode(Base64.getDecoder().decode(body));
    }

    /** A DER SubjectPublicKeyInfo of an RSA or EC key. */
    static PublicKey decode(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException rsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        // the facade's providers are registered before any key is parsed
        CryptoProviders.get();
    }
}
