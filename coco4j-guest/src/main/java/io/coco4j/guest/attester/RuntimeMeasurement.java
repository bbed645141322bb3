package io.coco4j.guest.attester;

import io.coco4j.protocol.rcar.HashAlgorithm;

/**
 * Extendable measurement registers of a TEE (TDX RTMRs, TPM PCRs). Callers name registers by PCR
 * index, as the reference's API does; each TEE maps that index to its own register.
 */
public interface RuntimeMeasurement {

    /** The digest algorithm of the registers (SHA-384 on TDX, SHA-256 on TPMs). */
    HashAlgorithm algorithm();

    /** The register number the event log records for a PCR index (the CC measurement register on TDX, the PCR itself on TPMs). */
    int registerFor(long pcrIndex) throws EvidenceException;

    /** Extends the register behind {@code pcrIndex} with a digest of {@link #algorithm()}'s length. */
    void extend(long pcrIndex, byte[] digest) throws EvidenceException;
}
