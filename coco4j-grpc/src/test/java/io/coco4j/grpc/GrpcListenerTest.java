package io.coco4j.grpc;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hand-bound protobuf service on real listeners: plaintext, and TLS with and without client certificates. */
class GrpcListenerTest {

    private static final MethodDescriptor<StringValue, StringValue> WHO_AM_I =
            ProtobufMethods.unary("coco4j.test.Identity", "WhoAmI", StringValue.getDefaultInstance(), StringValue.getDefaultInstance());

    @TempDir
    Path dir;

    private static ServerServiceDefinition service() {
        return ServerServiceDefinition.builder("coco4j.test.Identity")
                .addMethod(WHO_AM_I, ServerCalls.asyncUnaryCall((request, response) -> {
                    CallerIdentity caller = CallerIdentity.current();
                    response.onNext(StringValue.of(request.getValue() + " loopback=" + caller.isLoopback() + " cert="
                            + caller.clientCertificate().map(c -> c.getSubjectX500Principal().getName()).orElse("none")));
                    response.onCompleted();
                }))
                .build();
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static String call(ManagedChannel channel) {
        try {
            return ClientCalls.blockingUnaryCall(channel, WHO_AM_I, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    StringValue.of("hello")).getValue();
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void plaintextCallsSeeTheLoopbackCaller() throws Exception {
        try (GrpcListener listener = GrpcListener.builder(loopback()).service(service()).start()) {
            assertThat(listener.describe()).contains("plaintext");
            assertThat(call(GrpcChannels.open("127.0.0.1:" + listener.port(), Optional.empty()))).isEqualTo("hello loopback=true cert=none");
            assertThat(call(GrpcChannels.open("http://127.0.0.1:" + listener.port(), Optional.empty()))).startsWith("hello");
        }
    }

    /** One HTTP/1.1 exchange on a raw socket: what an HTTP client without HTTP/2 support sends. */
    private static String http1(int port, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void plainHttpGetsShareThePortWithGrpc() throws Exception {
        try (GrpcListener listener = GrpcListener.builder(loopback()).service(service())
                .httpGet("/.well-known/jwks.json", () -> "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8)).start()) {
            int port = listener.port();
            assertThat(listener.describe()).contains("HTTP GET /.well-known/jwks.json");

            HttpResponse<String> jwks = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(200);
            assertThat(jwks.headers().firstValue("content-type")).contains("application/json");
            assertThat(jwks.body()).isEqualTo("{\"keys\":[]}");

            assertThat(http1(port, "GET /other HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ");
            assertThat(http1(port, "POST /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                    .startsWith("HTTP/1.1 405 ");
            assertThat(http1(port, "GET /.well-known/jwks.json\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(http1(port, "GET /" + "a".repeat(9000))).startsWith("HTTP/1.1 431 ");

            // and gRPC on the very same port, several calls on one connection
            ManagedChannel channel = GrpcChannels.open("127.0.0.1:" + port, Optional.empty());
            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(ClientCalls.blockingUnaryCall(channel, WHO_AM_I, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                            StringValue.of("call" + i)).getValue()).isEqualTo("call" + i + " loopback=true cert=none");
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void plainHttpIsRefusedNextToTls() throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca(dir, "ca");
        TestCertificates.Issued server = TestCertificates.issue(dir, "server", ca, true);
        assertThatThrownBy(() -> GrpcListener.builder(loopback()).service(service()).tls(server.keyFile(), server.certificateFile())
                .httpGet("/x", () -> new byte[0]).start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("plaintext");
    }

    @Test
    void mutualTlsIdentifiesClientsOfTheClientCa() throws Exception {
        TestCertificates.Issued serverCa = TestCertificates.ca(dir, "server-ca");
        TestCertificates.Issued server = TestCertificates.issue(dir, "server", serverCa, true);
        TestCertificates.Issued clientCa = TestCertificates.ca(dir, "client-ca");
        TestCertificates.Issued client = TestCertificates.issue(dir, "registrar", clientCa, false);
        TestCertificates.Issued otherCa = TestCertificates.ca(dir, "other-ca");
        TestCertificates.Issued stranger = TestCertificates.issue(dir, "stranger", otherCa, false);

        try (GrpcListener listener = GrpcListener.builder(loopback()).service(service())
                .tls(server.keyFile(), server.certificateFile()).clientCa(clientCa.certificateFile()).start()) {
            String url = "https://127.0.0.1:" + listener.port();
            assertThat(listener.describe()).contains("mutual TLS");

            assertThat(call(GrpcChannels.open(url, Optional.of(new GrpcChannels.ClientTls(Optional.of(serverCa.certificateFile()),
                    Optional.of(client.keyFile()), Optional.of(client.certificateFile()))))))
                    .isEqualTo("hello loopback=true cert=CN=registrar");

            assertThat(call(GrpcChannels.open(url, Optional.of(new GrpcChannels.ClientTls(Optional.of(serverCa.certificateFile()),
                    Optional.empty(), Optional.empty()))))).isEqualTo("hello loopback=true cert=none");

            // a certificate of another CA: refused at the handshake, or at least never taken as an identity
            String strangerSees;
            try {
                strangerSees = call(GrpcChannels.open(url, Optional.of(new GrpcChannels.ClientTls(
                        Optional.of(serverCa.certificateFile()), Optional.of(stranger.keyFile()), Optional.of(stranger.certificateFile())))));
            } catch (StatusRuntimeException e) {
                strangerSees = "refused";
            }
            assertThat(strangerSees).isIn("refused", "hello loopback=true cert=none");
            // a client that does not trust the server's CA does not talk to it
            assertThatThrownBy(() -> call(GrpcChannels.open(url, Optional.empty()))).isInstanceOf(StatusRuntimeException.class);
        }
    }

    @Test
    void aClientCaWithoutTlsIsRefused() {
        assertThatThrownBy(() -> GrpcListener.builder(loopback()).clientCa(dir.resolve("ca.crt")).start())
                .isInstanceOf(IllegalStateException.class);
    }
}
