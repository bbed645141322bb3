package io.coco4j.verifier.dcap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Intel's TCB info for one FMSPC (TCB Info v2 for SGX, v3 for SGX and TDX): the platform TCB
 * levels in descending order and, for TDX, the TDX module identities.
 */
public record TcbInfo(String id, int version, Instant issueDate, Instant nextUpdate, byte[] fmspc, byte[] pceId, int tcbType,
                      long tcbEvaluationDataNumber, Optional<TdxModuleIdentity> tdxModule,
                      List<TdxModuleIdentity> tdxModuleIdentities, List<TcbLevel> tcbLevels) {

    public static final String SGX = "SGX";
    public static final String TDX = "TDX";

    public TcbInfo {
        fmspc = fmspc.clone();
        pceId = pceId.clone();
        tdxModuleIdentities = List.copyOf(tdxModuleIdentities);
        tcbLevels = List.copyOf(tcbLevels);
    }

    @Override
    public byte[] fmspc() {
        return fmspc.clone();
    }

    @Override
    public byte[] pceId() {
        return pceId.clone();
    }

    public boolean isTdx() {
        return TDX.equals(id);
    }
}
