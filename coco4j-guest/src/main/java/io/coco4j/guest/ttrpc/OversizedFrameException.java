package io.coco4j.guest.ttrpc;

/** A frame header announced a payload larger than {@link TtrpcFrame#MAX_PAYLOAD_LENGTH}. */
public final class OversizedFrameException extends TtrpcProtocolException {

    private final int streamId;
    private final long length;

    public OversizedFrameException(int streamId, long length) {
        super("message length " + length + " exceeds the maximum message size of " + TtrpcFrame.MAX_PAYLOAD_LENGTH);
        this.streamId = streamId;
        this.length = length;
    }

    /** The stream the oversized frame claimed, so the server can answer on it before closing. */
    public int streamId() {
        return streamId;
    }

    public long length() {
        return length;
    }
}
