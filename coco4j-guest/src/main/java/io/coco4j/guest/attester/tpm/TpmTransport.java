package io.coco4j.guest.attester.tpm;

import java.io.IOException;

/** Carries TPM 2.0 commands to a TPM and its responses back, one at a time. */
public interface TpmTransport extends AutoCloseable {

    /** Sends one marshalled command and returns the whole marshalled response. */
    byte[] transmit(byte[] command) throws IOException;

    @Override
    void close() throws IOException;
}
