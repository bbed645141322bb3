package io.coco4j.grpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufUtil;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import io.grpc.netty.shaded.io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lets plain HTTP/1.1 {@code GET}s of a few fixed paths share a plaintext gRPC port, as the
 * reference AS serves {@code /.well-known/jwks.json} next to its gRPC API. The first bytes of a
 * connection decide: the HTTP/2 connection preface goes on to gRPC untouched; anything else is read
 * as one HTTP/1.1 request, answered, and the connection closed.
 */
final class PlainHttpOnGrpcPort implements InternalProtocolNegotiator.ProtocolNegotiator {

    private static final byte[] HTTP2_PREFACE_START = "PRI ".getBytes(StandardCharsets.US_ASCII);
    /** An HTTP/1.1 request head larger than this is refused. */
    private static final int MAX_HEAD_BYTES = 8 * 1024;

    private final InternalProtocolNegotiator.ProtocolNegotiator grpc = InternalProtocolNegotiators.serverPlaintext();
    private final Map<String, Supplier<byte[]>> endpoints;

    /** @param endpoints path → JSON body, served to {@code GET} */
    PlainHttpOnGrpcPort(Map<String, Supplier<byte[]>> endpoints) {
        this.endpoints = Map.copyOf(endpoints);
    }

    @Override
    public AsciiString scheme() {
        return grpc.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler handler) {
        return new FirstBytes(handler);
    }

    @Override
    public void close() {
        grpc.close();
    }

    /** Holds the connection's start until its first bytes say which protocol it speaks. */
    private final class FirstBytes extends ByteToMessageDecoder {
        private final GrpcHttp2ConnectionHandler grpcHandler;
        /** The transport's negotiation events, passed on only once the connection turns out to be gRPC. */
        private final List<Object> heldEvents = new ArrayList<>();
        private boolean decided;

        FirstBytes(GrpcHttp2ConnectionHandler grpcHandler) {
            this.grpcHandler = grpcHandler;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (decided) {
                super.userEventTriggered(ctx, event);
            } else {
                heldEvents.add(event);
            }
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (decided) {
                in.skipBytes(in.readableBytes()); // an HTTP/1.1 connection being closed
                return;
            }
            if (in.readableBytes() < HTTP2_PREFACE_START.length) {
                return;
            }
            if (ByteBufUtil.equals(in, in.readerIndex(), Unpooled.wrappedBuffer(HTTP2_PREFACE_START), 0, HTTP2_PREFACE_START.length)) {
                decided = true;
                ctx.pipeline().addAfter(ctx.name(), null, grpc.newHandler(grpcHandler));
                heldEvents.forEach(ctx::fireUserEventTriggered);
                heldEvents.clear();
                ctx.pipeline().remove(this); // passes the bytes read so far on to gRPC
                return;
            }
            int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), in);
            if (end < 0) {
                if (in.readableBytes() > MAX_HEAD_BYTES) {
                    decided = true;
                    answer(ctx, 431, "request head too large\n", "text/plain");
                }
                return;
            }
            decided = true;
            String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
            in.skipBytes(in.readableBytes());
            String[] requestLine = head.split("\r\n", 2)[0].split(" ");
            if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
                answer(ctx, 400, "not an HTTP/1.1 request\n", "text/plain");
                return;
            }
            String path = requestLine[1];
            int query = path.indexOf('?');
            Supplier<byte[]> endpoint = endpoints.get(query < 0 ? path : path.substring(0, query));
            if (endpoint == null) {
                answer(ctx, 404, "not found\n", "text/plain");
            } else if (!requestLine[0].equals("GET")) {
                answer(ctx, 405, "only GET is served here\n", "text/plain");
            } else {
                answer(ctx, 200, endpoint.get(), "application/json");
            }
        }

        private void answer(ChannelHandlerContext ctx, int status, String body, String contentType) {
            answer(ctx, status, body.getBytes(StandardCharsets.UTF_8), contentType);
        }

        private void answer(ChannelHandlerContext ctx, int status, byte[] body, String contentType) {
            String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n";
            ByteBuf response = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 400 -> "Bad Request";
                case 404 -> "Not Found";
                case 405 -> "Method Not Allowed";
                default -> "Request Header Fields Too Large";
            };
        }
    }
}
