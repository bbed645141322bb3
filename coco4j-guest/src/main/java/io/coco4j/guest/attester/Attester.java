package io.coco4j.guest.attester;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.Tee;

import java.util.Optional;

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

    /**
     * Checks (or, on TPM platforms, records) that the platform was launched with init-data of this
     * digest: on TDX the digest fitted to MRCONFIGID, on SNP to HOST_DATA; (v)TPM platforms extend
     * PCR 8. TEEs without such a field report {@link InitDataBinding#UNSUPPORTED}.
     *
     * @throws InitDataMismatchException when the platform's field holds another value
     */
    default InitDataBinding bindInitData(byte[] digest) throws EvidenceException {
        return InitDataBinding.UNSUPPORTED;
    }

    /** The runtime measurement registers this TEE can extend (RTMRs, PCRs), if any. */
    default Optional<RuntimeMeasurement> runtimeMeasurement() {
        return Optional.empty();
    }
}
