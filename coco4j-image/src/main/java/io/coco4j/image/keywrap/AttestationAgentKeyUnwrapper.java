package io.coco4j.image.keywrap;

import io.coco4j.protocol.resource.ResourceUri;

import java.util.Arrays;
import java.util.Base64;

/**
 * The decrypt side of {@code provider:attestation-agent}, as the CDH's {@code UnWrapKey} does it:
 * parse the AnnotationPacket, obtain the KEK named by {@code kid} (from the KBS after attestation),
 * and decrypt {@code wrapped_data} with {@code wrap_type} ({@code A256GCM}, or legacy {@code A256CTR}).
 */
public final class AttestationAgentKeyUnwrapper implements KeyUnwrapper {

    private final KekSource kekSource;
    private final String providerName;

    public AttestationAgentKeyUnwrapper(KekSource kekSource) {
        this(kekSource, EncryptionAnnotations.ATTESTATION_AGENT_PROVIDER);
    }

    public AttestationAgentKeyUnwrapper(KekSource kekSource, String providerName) {
        this.kekSource = kekSource;
        this.providerName = providerName;
    }

    @Override
    public String annotationKey() {
        return EncryptionAnnotations.provider(providerName);
    }

    @Override
    public byte[] unwrap(byte[] entry) throws KeyUnwrapException {
        return unwrap(AnnotationPacket.parse(entry));
    }

    public byte[] unwrap(AnnotationPacket packet) throws KeyUnwrapException {
        if (packet.version() != null && !AnnotationPacket.VERSION.equals(packet.version())) {
            throw new KeyUnwrapException("unsupported AnnotationPacket version '" + packet.version() + "' (expected "
                    + AnnotationPacket.VERSION + ")");
        }
        if (!AnnotationPacket.KBS_PROVIDER.equals(packet.effectiveProvider())) {
            throw new KeyUnwrapException("the AnnotationPacket names KMS provider '" + packet.effectiveProvider()
                    + "'; only provider 'kbs' is supported");
        }
        if (packet.wrapType() == null || packet.iv() == null) {
            throw new KeyUnwrapException("the AnnotationPacket lacks wrap_type or iv, which provider 'kbs' requires");
        }
        WrapType wrapType = WrapType.byName(packet.wrapType()).orElseThrow(() ->
                new KeyUnwrapException("unknown wrap_type '" + packet.wrapType() + "' (A256GCM or A256CTR)"));
        ResourceUri kid;
        try {
            kid = ResourceUri.parse(packet.kid());
        } catch (IllegalArgumentException e) {
            throw new KeyUnwrapException("the AnnotationPacket kid is not a KBS resource URI: " + e.getMessage());
        }
        byte[] wrapped = base64(packet.wrappedData(), "wrapped_data");
        byte[] iv = base64(packet.iv(), "iv");
        byte[] kek = kekSource.kek(kid);
        try {
            return wrapType.decrypt(kek, iv, wrapped);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] base64(String value, String field) throws KeyUnwrapException {
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new KeyUnwrapException("the AnnotationPacket " + field + " is not base64");
        }
    }
}
