package io.coco4j.image.keywrap;

import io.coco4j.protocol.resource.ResourceUri;

import java.util.Base64;
import java.util.List;

/**
 * CoCo's {@code provider:attestation-agent} scheme on the encrypt side, as coco_keyprovider does it:
 * the private options encrypted with A256GCM under a KEK that the KBS holds at {@code kid}.
 */
public final class AttestationAgentKeyWrapper implements KeyWrapper {

    private final ResourceUri kid;
    private final byte[] kek;
    private final String providerName;

    /** Wraps for provider {@code attestation-agent}. */
    public AttestationAgentKeyWrapper(ResourceUri kid, byte[] kek) {
        this(kid, kek, EncryptionAnnotations.ATTESTATION_AGENT_PROVIDER);
    }

    public AttestationAgentKeyWrapper(ResourceUri kid, byte[] kek, String providerName) {
        if (kek.length != WrapType.KEK_BYTES) {
            throw new IllegalArgumentException("the KEK must be " + WrapType.KEK_BYTES + " bytes (AES-256), got " + kek.length);
        }
        this.kid = kid;
        this.kek = kek.clone();
        this.providerName = providerName;
    }

    @Override
    public String annotationKey() {
        return EncryptionAnnotations.provider(providerName);
    }

    @Override
    public List<byte[]> wrap(byte[] privateOptionsJson) throws KeyWrapException {
        return List.of(packet(privateOptionsJson).toJson());
    }

    /** The packet for {@code privateOptionsJson} with a fresh IV. */
    public AnnotationPacket packet(byte[] privateOptionsJson) throws KeyWrapException {
        byte[] iv = WrapType.A256GCM.newIv();
        return packet(privateOptionsJson, iv);
    }

    /** The packet with a given IV (deterministic, for test vectors). */
    public AnnotationPacket packet(byte[] privateOptionsJson, byte[] iv) throws KeyWrapException {
        byte[] wrapped = WrapType.A256GCM.encrypt(kek, iv, privateOptionsJson);
        Base64.Encoder b64 = Base64.getEncoder();
        return AnnotationPacket.v1(kid.toString(), b64.encodeToString(wrapped), b64.encodeToString(iv), WrapType.A256GCM.name());
    }
}
