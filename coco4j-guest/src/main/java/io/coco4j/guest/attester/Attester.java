package io.coco4j.guest.attester;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.Tee;

/**
 * Produces TEE evidence that binds caller-chosen report data. The KBS client passes the runtime-data
 * digest as given; fitting it to the hardware field (zero-padding to 64 bytes on TDX, SNP, …) is the
 * attester's own job, as in the reference.
 */
public interface Attester {

    /** The TEE this attester speaks for, as named in the {@code /auth} request and the evidence map. */
    Tee tee();

    /** Evidence JSON whose report binds {@code reportData}. */
    JsonNode evidence(byte[] reportData) throws EvidenceException;
}
