package io.coco4j.verifier.tpm;

/**
 * A TPMT_SIGNATURE for RSASSA or RSAPSS (the algorithms vTPM attestation keys use).
 *
 * @param signatureAlgorithm {@link TpmAlgorithm#RSASSA} or {@link TpmAlgorithm#RSAPSS}
 * @param hashAlgorithm the digest the signature was made over
 */
public record TpmtSignature(int signatureAlgorithm, int hashAlgorithm, byte[] signature) {

    public TpmtSignature {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public static TpmtSignature parse(byte[] bytes) throws TpmFormatException {
        TpmReader r = new TpmReader(bytes, "TPMT_SIGNATURE");
        int sigAlg = r.u16("sigAlg");
        if (sigAlg != TpmAlgorithm.RSASSA && sigAlg != TpmAlgorithm.RSAPSS) {
            throw new TpmFormatException("unsupported TPM signature algorithm 0x" + Integer.toHexString(sigAlg));
        }
        int hash = r.u16("hash");
        TpmAlgorithm.digestName(hash);
        byte[] sig = r.sized("sig");
        r.end();
        return new TpmtSignature(sigAlg, hash, sig);
    }

    /** The JCA signature algorithm name. */
    public String jcaAlgorithm() throws TpmFormatException {
        String hash = TpmAlgorithm.jcaHashPrefix(hashAlgorithm);
        return signatureAlgorithm == TpmAlgorithm.RSASSA ? hash + "withRSA" : "RSASSA-PSS";
    }
}
