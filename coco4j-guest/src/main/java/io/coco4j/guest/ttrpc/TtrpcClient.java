package io.coco4j.guest.ttrpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.coco4j.guest.rpc.RpcMethod;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.guest.ttrpc.wire.Request;
import io.coco4j.guest.ttrpc.wire.Response;
import io.grpc.Status;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ttRPC client on a Unix-domain socket. Calls run one at a time on one connection, which is
 * (re)opened on demand; a call that exceeds its timeout closes the connection and fails with
 * {@code DEADLINE_EXCEEDED}. Transport failures surface as {@code UNAVAILABLE}.
 */
public final class TtrpcClient implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ttrpc-client-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final Path socketPath;
    private final ReentrantLock lock = new ReentrantLock();
    private TtrpcChannel channel; // guarded by lock
    private int nextStreamId = 1; // guarded by lock

    public TtrpcClient(Path socketPath) {
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
    }

    public Path socketPath() {
        return socketPath;
    }

    /** One unary call. */
    public <Q extends Message, R extends Message> R call(RpcMethod<Q, R> method, Q request, Duration timeout) throws RpcStatusException {
        Request envelope = Request.newBuilder()
                .setService(method.service())
                .setMethod(method.method())
                .setPayload(request.toByteString())
                .setTimeoutNano(timeout.toNanos())
                .build();
        byte[] payload = exchange(envelope.toByteArray(), timeout, method.toString());
        try {
            return method.responseParser().parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new RpcStatusException(Status.Code.INTERNAL, "malformed " + method.method() + " response: " + e.getMessage());
        }
    }

    private byte[] exchange(byte[] request, Duration timeout, String what) throws RpcStatusException {
        lock.lock();
        try {
            TtrpcChannel current = connected();
            int streamId = nextStreamId;
            nextStreamId += 2;
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = TIMER.schedule(() -> {
                timedOut.set(true);
                try {
                    current.close();
                } catch (IOException e) {
                    // the reader notices the closed channel
                }
            }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            try {
                current.write(new TtrpcFrame(streamId, TtrpcFrame.TYPE_REQUEST, (byte) 0, request));
                while (true) {
                    TtrpcFrame frame = current.read();
                    if (frame == null) {
                        throw new IOException("the server closed the connection");
                    }
                    if (frame.type() != TtrpcFrame.TYPE_RESPONSE || frame.streamId() != streamId) {
                        continue;
                    }
                    Response response = Response.parseFrom(frame.payload());
                    if (response.hasStatus() && response.getStatus().getCode() != 0) {
                        Status.Code code = Status.fromCodeValue(response.getStatus().getCode()).getCode();
                        throw new RpcStatusException(code, response.getStatus().getMessage());
                    }
                    return response.getPayload().toByteArray();
                }
            } catch (IOException e) {
                drop();
                if (timedOut.get()) {
                    throw new RpcStatusException(Status.Code.DEADLINE_EXCEEDED, what + " timed out after " + timeout.toMillis() + " ms");
                }
                throw new RpcStatusException(Status.Code.UNAVAILABLE, what + " over " + socketPath + " failed: " + e.getMessage(), e);
            } finally {
                deadline.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }

    private TtrpcChannel connected() throws RpcStatusException {
        if (channel == null) {
            try {
                SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    socket.connect(UnixDomainSocketAddress.of(socketPath));
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                channel = new TtrpcChannel(socket);
                nextStreamId = 1;
            } catch (IOException e) {
                throw new RpcStatusException(Status.Code.UNAVAILABLE, "cannot connect to " + socketPath + ": " + e.getMessage(), e);
            }
        }
        return channel;
    }

    private void drop() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            drop();
        } finally {
            lock.unlock();
        }
    }
}
