package io.coco4j.verifier.tpm;

/** TPM_ALG_ID values used by quotes. */
public final class TpmAlgorithm {

    private TpmAlgorithm() {
    }

    public static final int RSASSA = 0x0014;
    public static final int RSAPSS = 0x0016;
    public static final int ECDSA = 0x0018;
    public static final int SHA1 = 0x0004;
    public static final int SHA256 = 0x000B;
    public static final int SHA384 = 0x000C;
    public static final int SHA512 = 0x000D;

    /** The JCA digest name of a TPM hash algorithm. */
    public static String digestName(int alg) throws TpmFormatException {
        return switch (alg) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            case SHA512 -> "SHA-512";
            default -> throw new TpmFormatException("unsupported TPM hash algorithm 0x" + Integer.toHexString(alg));
        };
    }

    static String jcaHashPrefix(int alg) throws TpmFormatException {
        return digestName(alg).replace("-", "");
    }
}
