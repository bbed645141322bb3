package io.coco4j.guest.ttrpc;

import java.io.IOException;

/** The peer broke the ttRPC framing (oversized or truncated frame, unexpected message); the connection is closed. */
public class TtrpcProtocolException extends IOException {

    public TtrpcProtocolException(String message) {
        super(message);
    }
}
