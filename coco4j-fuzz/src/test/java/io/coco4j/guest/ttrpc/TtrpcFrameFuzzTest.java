package io.coco4j.guest.ttrpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.coco4j.guest.ttrpc.wire.Request;
import io.coco4j.guest.ttrpc.wire.Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * A ttRPC byte stream as a server or client reads it: frames until a clean end, each payload
 * decoded as the request or response message the frame type announces.
 */
public class TtrpcFrameFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try (TtrpcChannel channel = new TtrpcChannel(new ReadOnly(Channels.newChannel(new ByteArrayInputStream(input))))) {
            TtrpcFrame frame;
            while ((frame = channel.read()) != null) {
                try {
                    if (frame.type() == TtrpcFrame.TYPE_REQUEST) {
                        Request.parseFrom(frame.payload());
                    } else if (frame.type() == TtrpcFrame.TYPE_RESPONSE) {
                        Response.parseFrom(frame.payload());
                    }
                } catch (InvalidProtocolBufferException expected) {
                    // refused as documented
                }
            }
        } catch (IOException expected) {
            // truncated frame, oversized frame: refused as documented
        }
    }

    /** The channel's byte-stream side over fuzz input; nothing is written back. */
    private record ReadOnly(ReadableByteChannel in) implements java.nio.channels.ByteChannel {
        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            return in.read(dst);
        }

        @Override
        public int write(java.nio.ByteBuffer src) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
