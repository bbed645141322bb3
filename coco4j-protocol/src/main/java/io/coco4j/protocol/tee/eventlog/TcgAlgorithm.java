package io.coco4j.protocol.tee.eventlog;

import org.bouncycastle.crypto.digests.SM3Digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** TPM 2.0 algorithm identifiers that event logs name, with the display names the reference's claims use. */
public enum TcgAlgorithm {
    RSA(0x0001, "RSA", null),
    TDES(0x0003, "TDES", null),
    SHA1(0x0004, "SHA-1", "SHA-1"),
    SHA256(0x000B, "SHA-256", "SHA-256"),
    SHA384(0x000C, "SHA-384", "SHA-384"),
    SHA512(0x000D, "SHA-512", "SHA-512"),
    SM3_256(0x0012, "SM3", null);

    private final int id;
    private final String displayName;
    private final String jcaName;

    TcgAlgorithm(int id, String displayName, String jcaName) {
        this.id = id;
        this.displayName = displayName;
        this.jcaName = jcaName;
    }

    /** The TPM_ALG_ID. */
    public int id() {
        return id;
    }

    /** The name in claims ({@code "SHA-384"}, {@code "SM3"}). */
    public String displayName() {
        return displayName;
    }

    public static Optional<TcgAlgorithm> of(int id) {
        for (TcgAlgorithm algorithm : values()) {
            if (algorithm.id == id) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** Whether this is a hash this code can compute. */
    public boolean isHash() {
        return jcaName != null || this == SM3_256;
    }

    /** The digest of {@code data}; only for {@link #isHash() hash} algorithms. */
    public byte[] digest(byte[]... parts) {
        if (this == SM3_256) {
            SM3Digest sm3 = new SM3Digest();
            for (byte[] part : parts) {
                sm3.update(part, 0, part.length);
            }
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return out;
        }
        if (jcaName == null) {
            throw new IllegalStateException(displayName + " is not a hash algorithm");
        }
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this JDK", e);
        }
    }

    /** The digest size in bytes, for hash algorithms. */
    public int digestSize() {
        return switch (this) {
            case SHA1 -> 20;
            case SHA256, SM3_256 -> 32;
            case SHA384 -> 48;
            case SHA512 -> 64;
            default -> throw new IllegalStateException(displayName + " is not a hash algorithm");
        };
    }
}
