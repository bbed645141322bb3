package io.coco4j.verifier.tpm;

import java.util.List;

/** One TPMS_PCR_SELECTION: a PCR bank (hash algorithm) and the selected register indices in ascending order. */
public record PcrSelection(int hashAlgorithm, List<Integer> pcrs) {

    public PcrSelection {
        pcrs = List.copyOf(pcrs);
    }
}
