package io.coco4j.guest.ttrpc;

import java.util.Objects;

/**
 * One ttRPC message: a 10-byte header ({@code u32} payload length, {@code u32} stream id, {@code u8}
 * type, {@code u8} flags, all big-endian) followed by the payload.
 */
public record TtrpcFrame(int streamId, byte type, byte flags, byte[] payload) {

    public static final int HEADER_LENGTH = 10;
    /** The largest payload either side accepts (containerd ttrpc's limit). */
    public static final int MAX_PAYLOAD_LENGTH = 4 << 20;

    public static final byte TYPE_REQUEST = 1;
    public static final byte TYPE_RESPONSE = 2;
    public static final byte TYPE_DATA = 3;

    public TtrpcFrame {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("ttRPC payload of " + payload.length + " bytes exceeds the maximum of " + MAX_PAYLOAD_LENGTH);
        }
    }

    /** The stream id as the unsigned number it is on the wire. */
    public long unsignedStreamId() {
        return Integer.toUnsignedLong(streamId);
    }
}
