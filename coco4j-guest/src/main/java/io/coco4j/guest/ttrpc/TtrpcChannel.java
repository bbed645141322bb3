package io.coco4j.guest.ttrpc;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames over a byte stream (a Unix-domain socket in practice). Reads happen on one thread;
 * writes may come from several and are serialised. Payload sizes are checked before any payload
 * byte is read, so a hostile length cannot make the reader allocate.
 */
final class TtrpcChannel implements AutoCloseable {

    private final ByteChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(TtrpcFrame.HEADER_LENGTH).order(ByteOrder.BIG_ENDIAN);
    private final ReentrantLock writeLock = new ReentrantLock();

    TtrpcChannel(ByteChannel channel) {
        this.channel = channel;
    }

    /**
     * The next frame, or {@code null} at a clean end of stream (between frames).
     *
     * @throws OversizedFrameException when the header announces more than the maximum payload
     * @throws EOFException            when the stream ends inside a frame
     */
    TtrpcFrame read() throws IOException {
        header.clear();
        if (!fill(header, true)) {
            return null;
        }
        header.flip();
        long length = Integer.toUnsignedLong(header.getInt());
        int streamId = header.getInt();
        byte type = header.get();
        byte flags = header.get();
        if (length > TtrpcFrame.MAX_PAYLOAD_LENGTH) {
            throw new OversizedFrameException(streamId, length);
        }
        ByteBuffer payload = ByteBuffer.allocate((int) length);
        fill(payload, false);
        return new TtrpcFrame(streamId, type, flags, payload.array());
    }

    /** Writes one frame atomically with respect to other writers. */
    void write(TtrpcFrame frame) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(TtrpcFrame.HEADER_LENGTH + frame.payload().length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(frame.payload().length).putInt(frame.streamId()).put(frame.type()).put(frame.flags()).put(frame.payload());
        out.flip();
        writeLock.lock();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Fills the buffer; false when the stream ended before its first byte and that is allowed. */
    private boolean fill(ByteBuffer buffer, boolean endAllowedAtStart) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowedAtStart && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("the ttRPC stream ended inside a frame");
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
