package io.coco4j.verifier.dcap;

import java.time.Instant;
import java.util.List;

/** Intel's identity of a Quoting Enclave (v2; id {@code QE} for SGX, {@code TD_QE} for TDX). */
public record EnclaveIdentity(String id, int version, Instant issueDate, Instant nextUpdate, long tcbEvaluationDataNumber,
                              long miscSelect, long miscSelectMask, byte[] attributes, byte[] attributesMask, byte[] mrSigner,
                              int isvProdId, List<EnclaveTcbLevel> tcbLevels) {

    public static final String SGX_QE = "QE";
    public static final String TDX_QE = "TD_QE";

    public EnclaveIdentity {
        attributes = attributes.clone();
        attributesMask = attributesMask.clone();
        mrSigner = mrSigner.clone();
        tcbLevels = List.copyOf(tcbLevels);
    }

    @Override
    public byte[] attributes() {
        return attributes.clone();
    }

    @Override
    public byte[] attributesMask() {
        return attributesMask.clone();
    }

    @Override
    public byte[] mrSigner() {
        return mrSigner.clone();
    }
}
