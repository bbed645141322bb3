package io.coco4j.verifier.tpm;

import java.util.ArrayList;
import java.util.List;

/**
 * A TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE: what the attestation key signs. Only quotes are
 * accepted; the magic must be TPM_GENERATED_VALUE so that externally supplied data cannot pose as a quote.
 *
 * @param extraData the qualifying data (the verifier's nonce)
 */
public record TpmsAttest(byte[] qualifiedSigner, byte[] extraData, long clock, long resetCount, long restartCount,
                         boolean safe, long firmwareVersion, List<PcrSelection> pcrSelections, byte[] pcrDigest) {

    public static final long TPM_GENERATED_VALUE = 0xFF544347L;
    public static final int TPM_ST_ATTEST_QUOTE = 0x8018;
    private static final int MAX_BANKS = 16;

    public TpmsAttest {
        qualifiedSigner = qualifiedSigner.clone();
        extraData = extraData.clone();
        pcrSelections = List.copyOf(pcrSelections);
        pcrDigest = pcrDigest.clone();
    }

    @Override
    public byte[] extraData() {
        return extraData.clone();
    }

    @Override
    public byte[] pcrDigest() {
        return pcrDigest.clone();
    }

    @Override
    public byte[] qualifiedSigner() {
        return qualifiedSigner.clone();
    }

    public static TpmsAttest parse(byte[] message) throws TpmFormatException {
        TpmReader r = new TpmReader(message, "TPMS_ATTEST");
        long magic = r.u32("magic");
        if (magic != TPM_GENERATED_VALUE) {
            throw new TpmFormatException("TPMS_ATTEST magic is 0x" + Long.toHexString(magic) + ", not TPM_GENERATED_VALUE");
        }
        int type = r.u16("type");
        if (type != TPM_ST_ATTEST_QUOTE) {
            throw new TpmFormatException("TPMS_ATTEST type is 0x" + Integer.toHexString(type) + ", not a quote");
        }
        byte[] signer = r.sized("qualifiedSigner");
        byte[] extra = r.sized("extraData");
        long clock = r.u64("clockInfo.clock");
        long reset = r.u32("clockInfo.resetCount");
        long restart = r.u32("clockInfo.restartCount");
        int safe = r.u8("clockInfo.safe");
        long firmware = r.u64("firmwareVersion");
        long count = r.u32("pcrSelect.count");
        if (count > MAX_BANKS) {
            throw new TpmFormatException("TPMS_ATTEST selects " + count + " PCR banks");
        }
        List<PcrSelection> selections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int hash = r.u16("pcrSelect.hash");
            int size = r.u8("pcrSelect.sizeofSelect");
            byte[] bitmap = r.bytes(size, "pcrSelect.pcrSelect");
            List<Integer> pcrs = new ArrayList<>();
            for (int bit = 0; bit < size * 8; bit++) {
                if ((bitmap[bit / 8] >> (bit % 8) & 1) == 1) {
                    pcrs.add(bit);
                }
            }
            selections.add(new PcrSelection(hash, pcrs));
        }
        byte[] digest = r.sized("pcrDigest");
        r.end();
        return new TpmsAttest(signer, extra, clock, reset, restart, safe != 0, firmware, selections, digest);
    }
}
