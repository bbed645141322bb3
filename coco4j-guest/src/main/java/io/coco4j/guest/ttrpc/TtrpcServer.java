package io.coco4j.guest.ttrpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.coco4j.guest.rpc.RpcService;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.guest.ttrpc.wire.Request;
import io.coco4j.guest.ttrpc.wire.Response;
import io.coco4j.guest.ttrpc.wire.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ttRPC server on a Unix-domain socket: containerd's framing, one {@code Request} per request
 * frame, one {@code Response} per request, requests of one connection served concurrently. A frame
 * larger than {@link TtrpcFrame#MAX_PAYLOAD_LENGTH} is answered {@code RESOURCE_EXHAUSTED} on its
 * stream and the connection is closed without reading the payload.
 */
public final class TtrpcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TtrpcServer.class);
    /** Connections served at once; further ones are closed on accept. */
    public static final int MAX_CONNECTIONS = 256;
    private static final int WORKERS = 16;

    private final Path socketPath;
    private final Map<String, RpcService> services;
    private final ServerSocketChannel server;
    private final ExecutorService connections;
    private final ThreadPoolExecutor workers;
    private final Semaphore connectionSlots = new Semaphore(MAX_CONNECTIONS);
    private final Set<TtrpcChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private TtrpcServer(Path socketPath, List<RpcService> services) throws IOException {
        this.socketPath = socketPath;
        Map<String, RpcService> byName = new LinkedHashMap<>();
        for (RpcService service : services) {
            if (byName.putIfAbsent(service.name(), service) != null) {
                throw new IllegalArgumentException("service " + service.name() + " is registered twice");
            }
        }
        this.services = Map.copyOf(byName);
        Path parent = socketPath.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // a socket file left by an earlier run would make bind fail
        Files.deleteIfExists(socketPath);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketPath));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + socketPath + ": " + e.getMessage(), e);
        }
        AtomicInteger counter = new AtomicInteger();
        this.connections = java.util.concurrent.Executors.newCachedThreadPool(r -> daemon(r, "ttrpc-conn-" + counter.incrementAndGet()));
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                r -> daemon(r, "ttrpc-call-" + counter.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(this::acceptLoop, "ttrpc-accept " + socketPath);
        acceptor.start();
    }

    /** Listens on {@code socketPath} (its directory is created, a stale socket file removed) and serves {@code services}. */
    public static TtrpcServer start(Path socketPath, List<RpcService> services) throws IOException {
        return new TtrpcServer(socketPath, services);
    }

    public Path socketPath() {
        return socketPath;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("ttRPC accept on {} failed: {}", socketPath, e.getMessage());
                }
                continue;
            }
            if (!connectionSlots.tryAcquire()) {
                LOG.warn("ttRPC server {}: {} connections open, refusing another", socketPath, MAX_CONNECTIONS);
                closeQuietly(socket);
                continue;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                connectionSlots.release();
                closeQuietly(socket);
            }
        }
    }

    private void serve(SocketChannel socket) {
        TtrpcChannel channel = new TtrpcChannel(socket);
        open.add(channel);
        try {
            while (!closed) {
                TtrpcFrame frame;
                try {
                    frame = channel.read();
                } catch (OversizedFrameException e) {
                    LOG.warn("ttRPC server {}: {}; closing the connection", socketPath, e.getMessage());
                    respond(channel, e.streamId(), io.grpc.Status.Code.RESOURCE_EXHAUSTED.value(), e.getMessage(), null);
                    return;
                }
                if (frame == null) {
                    return;
                }
                handle(channel, frame);
            }
        } catch (EOFException | ClosedChannelException e) {
            LOG.debug("ttRPC connection ended: {}", e.getMessage());
        } catch (IOException e) {
            LOG.debug("ttRPC connection failed: {}", e.getMessage());
        } finally {
            open.remove(channel);
            closeQuietly(channel);
            connectionSlots.release();
        }
    }

    private void handle(TtrpcChannel channel, TtrpcFrame frame) throws IOException {
        if (frame.type() != TtrpcFrame.TYPE_REQUEST) {
            // unary services only: stream data has no request to belong to
            LOG.debug("ttRPC server {}: ignoring a frame of type {} on stream {}", socketPath, frame.type(), frame.unsignedStreamId());
            return;
        }
        if ((frame.streamId() & 1) == 0) {
            respond(channel, frame.streamId(), io.grpc.Status.Code.INVALID_ARGUMENT.value(),
                    "StreamID must be odd for client initiated streams", null);
            return;
        }
        Request request;
        try {
            request = Request.parseFrom(frame.payload());
        } catch (InvalidProtocolBufferException e) {
            respond(channel, frame.streamId(), io.grpc.Status.Code.INVALID_ARGUMENT.value(), "malformed ttRPC request: " + e.getMessage(), null);
            return;
        }
        RpcService service = services.get(request.getService());
        if (service == null) {
            respond(channel, frame.streamId(), io.grpc.Status.Code.UNIMPLEMENTED.value(), "service " + request.getService(), null);
            return;
        }
        try {
            workers.execute(() -> call(channel, frame.streamId(), service, request));
        } catch (RejectedExecutionException e) {
            respond(channel, frame.streamId(), io.grpc.Status.Code.RESOURCE_EXHAUSTED.value(), "the server is busy", null);
        }
    }

    private void call(TtrpcChannel channel, int streamId, RpcService service, Request request) {
        try {
            byte[] answer;
            try {
                answer = service.dispatch(request.getMethod(), request.getPayload().toByteArray());
            } catch (RpcStatusException e) {
                respond(channel, streamId, e.code().value(), e.getMessage(), null);
                return;
            }
            respond(channel, streamId, 0, "", answer);
        } catch (IOException e) {
            LOG.debug("ttRPC server {}: cannot send a response: {}", socketPath, e.getMessage());
            closeQuietly(channel);
        }
    }

    /** A response always carries a status, code 0 on success, as containerd's server sends it. */
    private static void respond(TtrpcChannel channel, int streamId, int code, String message, byte[] payload) throws IOException {
        Response.Builder response = Response.newBuilder().setStatus(Status.newBuilder().setCode(code).setMessage(message == null ? "" : message));
        if (payload != null) {
            response.setPayload(com.google.protobuf.ByteString.copyFrom(payload));
        }
        byte[] bytes = response.build().toByteArray();
        if (bytes.length > TtrpcFrame.MAX_PAYLOAD_LENGTH) {
            bytes = Response.newBuilder().setStatus(Status.newBuilder().setCode(io.grpc.Status.Code.RESOURCE_EXHAUSTED.value())
                    .setMessage("the response exceeds the maximum message size")).build().toByteArray();
        }
        channel.write(new TtrpcFrame(streamId, TtrpcFrame.TYPE_RESPONSE, (byte) 0, bytes));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing after a failure: nothing more to report
        }
    }

    /** Stops accepting, closes every connection and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (TtrpcChannel channel : open) {
            closeQuietly(channel);
        }
        connections.shutdownNow();
        workers.shutdownNow();
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", socketPath, e.getMessage());
        }
    }
}
