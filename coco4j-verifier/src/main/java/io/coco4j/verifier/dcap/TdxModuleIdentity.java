package io.coco4j.verifier.dcap;

import java.util.List;

/**
 * A TDX module the TCB info describes: the top-level {@code tdxModule} (id empty, no levels) or
 * an entry of {@code tdxModuleIdentities} such as {@code TDX_03} with its own TCB levels.
 */
public record TdxModuleIdentity(String id, byte[] mrSigner, byte[] attributes, byte[] attributesMask, List<EnclaveTcbLevel> tcbLevels) {

    public TdxModuleIdentity {
        mrSigner = mrSigner.clone();
        attributes = attributes.clone();
        attributesMask = attributesMask.clone();
        tcbLevels = List.copyOf(tcbLevels);
    }

    @Override
    public byte[] mrSigner() {
        return mrSigner.clone();
    }

    @Override
    public byte[] attributes() {
        return attributes.clone();
    }

    @Override
    public byte[] attributesMask() {
        return attributesMask.clone();
    }
}
