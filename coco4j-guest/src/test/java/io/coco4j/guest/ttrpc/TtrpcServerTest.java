package io.coco4j.guest.ttrpc;

import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.api.GetTeeTypeRequest;
import io.coco4j.guest.aa.api.GetTeeTypeResponse;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.rpc.RpcMethod;
import io.coco4j.guest.rpc.RpcService;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.guest.ttrpc.wire.Request;
import io.coco4j.guest.ttrpc.wire.Response;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ttRPC server over a real Unix socket: framing, statuses, limits, and the coco4j client. */
class TtrpcServerTest {

    @TempDir
    Path dir;

    private TtrpcServer server;
    private Path socket;
    private final CountDownLatch release = new CountDownLatch(1);

    private static final RpcMethod<GetTeeTypeRequest, GetTeeTypeResponse> SLOW =
            RpcMethod.unary("test.Slow", "Wait", GetTeeTypeRequest.getDefaultInstance(), GetTeeTypeResponse.getDefaultInstance());

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("run/aa.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "stale socket file from an earlier run");
        AttestationAgent agent = AttestationAgent.builder().attester(new SampleAttester()).build();
        RpcService slow = RpcService.builder("test.Slow").bind(SLOW, request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return GetTeeTypeResponse.newBuilder().setTee("late").build();
        }).build();
        server = TtrpcServer.start(socket, List.of(AttestationAgentService.bind(agent), slow));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
        assertThat(socket).doesNotExist();
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    private static void send(SocketChannel channel, int length, int streamId, int type, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(10 + payload.length);
        frame.putInt(length).putInt(streamId).put((byte) type).put((byte) 0).put(payload).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    private static ByteBuffer readFully(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("closed after " + buffer.position() + " bytes");
            }
        }
        return buffer.flip();
    }

    /** Reads one frame: {stream id, type, payload}. */
    private static Object[] receive(SocketChannel channel) throws IOException {
        ByteBuffer header = readFully(channel, 10);
        int length = header.getInt();
        int stream = header.getInt();
        byte type = header.get();
        return new Object[]{stream, type, readFully(channel, length).array()};
    }

    private static byte[] request(String service, String method, byte[] payload) {
        return Request.newBuilder().setService(service).setMethod(method)
                .setPayload(com.google.protobuf.ByteString.copyFrom(payload)).build().toByteArray();
    }

    @Test
    void aRawGetTeeTypeCallIsAnsweredOnItsStream() throws Exception {
        try (SocketChannel channel = connect()) {
            byte[] request = request(AttestationAgentService.NAME, "GetTeeType", new byte[0]);
            // service "attestation_agent.AttestationAgentService" (41 bytes) and method "GetTeeType" (10 bytes)
            assertThat(HexFormat.of().formatHex(request)).isEqualTo("0a29" + HexFormat.of().formatHex(AttestationAgentService.NAME.getBytes())
                    + "120a" + HexFormat.of().formatHex("GetTeeType".getBytes()));
            send(channel, request.length, 1, 1, request);
            Object[] frame = receive(channel);
            assertThat(frame[0]).isEqualTo(1);
            assertThat(frame[1]).isEqualTo((byte) 2);
            // Response{status: {} (code 0), payload: GetTeeTypeResponse{tee: "sample"}}
            assertThat(HexFormat.of().formatHex((byte[]) frame[2])).isEqualTo("0a00" + "1208" + "0a0673616d706c65");
        }
    }

    @Test
    void anOversizedFrameIsRefusedAndTheConnectionClosed() throws Exception {
        try (SocketChannel channel = connect()) {
            send(channel, TtrpcFrame.MAX_PAYLOAD_LENGTH + 1, 3, 1, new byte[16]);
            Object[] frame = receive(channel);
            assertThat(frame[0]).isEqualTo(3);
            Response response = Response.parseFrom((byte[]) frame[2]);
            assertThat(response.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
            assertThat(response.getStatus().getMessage()).contains("exceeds the maximum message size of 4194304");
            assertThat(closedByPeer(channel)).as("the server closes the connection").isTrue();
        }
        // the server still serves other connections
        try (TtrpcClient client = new TtrpcClient(socket)) {
            assertThat(client.call(AttestationAgentService.GET_TEE_TYPE, GetTeeTypeRequest.getDefaultInstance(), Duration.ofSeconds(5)).getTee())
                    .isEqualTo("sample");
        }
    }

    /** End of stream, or a reset because the server closed with our unread payload in its buffer. */
    private static boolean closedByPeer(SocketChannel channel) {
        try {
            return channel.read(ByteBuffer.allocate(1)) == -1;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Test
    void aFrameOfExactlyTheMaximumIsAccepted() throws Exception {
        byte[] big = new byte[TtrpcFrame.MAX_PAYLOAD_LENGTH - 64];
        byte[] request = request(AttestationAgentService.NAME, "GetEvidence",
                io.coco4j.guest.aa.api.GetEvidenceRequest.newBuilder().setRuntimeData(com.google.protobuf.ByteString.copyFrom(new byte[8])).build().toByteArray());
        byte[] padded = Request.newBuilder(Request.parseFrom(request)).addMetadata(
                io.coco4j.guest.ttrpc.wire.KeyValue.newBuilder().setKey("pad").setValue(new String(new char[big.length - request.length - 16]).replace('\0', 'x')))
                .build().toByteArray();
        assertThat(padded.length).isLessThanOrEqualTo(TtrpcFrame.MAX_PAYLOAD_LENGTH);
        try (SocketChannel channel = connect()) {
            send(channel, padded.length, 5, 1, padded);
            Response response = Response.parseFrom((byte[]) receive(channel)[2]);
            assertThat(response.getStatus().getCode()).isZero();
        }
    }

    @Test
    void evenStreamIdsUnknownServicesAndMethodsAndMalformedRequestsGetStatuses() throws Exception {
        try (SocketChannel channel = connect()) {
            byte[] request = request(AttestationAgentService.NAME, "GetTeeType", new byte[0]);
            send(channel, request.length, 2, 1, request);
            Response even = Response.parseFrom((byte[]) receive(channel)[2]);
            assertThat(even.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());

            byte[] unknownService = request("nope.Service", "GetTeeType", new byte[0]);
            send(channel, unknownService.length, 7, 1, unknownService);
            Response service = Response.parseFrom((byte[]) receive(channel)[2]);
            assertThat(service.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED.value());
            assertThat(service.getStatus().getMessage()).isEqualTo("service nope.Service");

            byte[] unknownMethod = request(AttestationAgentService.NAME, "Nope", new byte[0]);
            send(channel, unknownMethod.length, 9, 1, unknownMethod);
            Response method = Response.parseFrom((byte[]) receive(channel)[2]);
            assertThat(method.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED.value());
            assertThat(method.getStatus().getMessage()).isEqualTo("method Nope");

            byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
            send(channel, garbage.length, 11, 1, garbage);
            assertThat(Response.parseFrom((byte[]) receive(channel)[2]).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());

            byte[] badPayload = request(AttestationAgentService.NAME, "GetToken", new byte[]{(byte) 0x0a, 0x05});
            send(channel, badPayload.length, 13, 1, badPayload);
            assertThat(Response.parseFrom((byte[]) receive(channel)[2]).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
        }
    }

    @Test
    void requestsOfOneConnectionAreServedConcurrently() throws Exception {
        try (SocketChannel channel = connect()) {
            byte[] slow = request("test.Slow", "Wait", new byte[0]);
            byte[] fast = request(AttestationAgentService.NAME, "GetTeeType", new byte[0]);
            send(channel, slow.length, 1, 1, slow);
            send(channel, fast.length, 3, 1, fast);
            Object[] first = receive(channel);
            assertThat(first[0]).as("the quick call overtakes the blocked one").isEqualTo(3);
            release.countDown();
            Object[] second = receive(channel);
            assertThat(second[0]).isEqualTo(1);
            assertThat(GetTeeTypeResponse.parseFrom(Response.parseFrom((byte[]) second[2]).getPayload()).getTee()).isEqualTo("late");
        }
    }

    @Test
    void clientCallsStatusesAndTimeouts() throws Exception {
        try (TtrpcClient client = new TtrpcClient(socket)) {
            assertThat(client.call(AttestationAgentService.GET_TEE_TYPE, GetTeeTypeRequest.getDefaultInstance(), Duration.ofSeconds(5)).getTee())
                    .isEqualTo("sample");
            assertThatThrownBy(() -> client.call(AttestationAgentService.GET_TOKEN, GetTokenRequest.newBuilder().setTokenType("bogus").build(),
                    Duration.ofSeconds(5)))
                    .isInstanceOf(RpcStatusException.class)
                    .hasMessage("[ERROR:attestation-agent] unsupported token type 'bogus' (supported: kbs, coco_as)")
                    .satisfies(e -> assertThat(((RpcStatusException) e).code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            assertThatThrownBy(() -> client.call(SLOW, GetTeeTypeRequest.getDefaultInstance(), Duration.ofMillis(200)))
                    .isInstanceOf(RpcStatusException.class)
                    .satisfies(e -> assertThat(((RpcStatusException) e).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
            release.countDown();
            // the client reconnects after the timed-out connection was dropped
            assertThat(client.call(AttestationAgentService.GET_TEE_TYPE, GetTeeTypeRequest.getDefaultInstance(), Duration.ofSeconds(5)).getTee())
                    .isEqualTo("sample");
        }
        try (TtrpcClient nowhere = new TtrpcClient(dir.resolve("missing.sock"))) {
            assertThatThrownBy(() -> nowhere.call(AttestationAgentService.GET_TEE_TYPE, GetTeeTypeRequest.getDefaultInstance(), Duration.ofSeconds(1)))
                    .isInstanceOf(RpcStatusException.class)
                    .satisfies(e -> assertThat(((RpcStatusException) e).code()).isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    @Test
    void aFrameCutShortEndsTheConnectionQuietly() throws Exception {
        try (SocketChannel channel = connect()) {
            send(channel, 100, 1, 1, new byte[10]);
            channel.shutdownOutput();
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }
}
