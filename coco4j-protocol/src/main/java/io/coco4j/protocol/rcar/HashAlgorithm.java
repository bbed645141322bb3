package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bouncycastle.crypto.digests.SM3Digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/** Hash algorithms of the protocol (kbs-types {@code HashAlgorithm}); serialised lowercase. */
public enum HashAlgorithm {
    SHA256("sha256", "SHA-256", 32),
    SHA384("sha384", "SHA-384", 48),
    SHA512("sha512", "SHA-512", 64),
    SM3("sm3", null, 32);

    private final String wireName;
    private final String jcaName;
    private final int length;

    HashAlgorithm(String wireName, String jcaName, int length) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.length = length;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public int digestLength() {
        return length;
    }

    public byte[] digest(byte[] data) {
        if (this == SM3) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(data, 0, data.length);
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return out;
        }
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this JDK", e);
        }
    }

    /** Exact lowercase names only, as serde deserialisation on the reference side. */
    public static Optional<HashAlgorithm> fromWireName(String name) {
        return Arrays.stream(values()).filter(h -> h.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static HashAlgorithm parse(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown hash algorithm '" + name + "' (expected sha256, sha384, sha512 or sm3)"));
    }
}
