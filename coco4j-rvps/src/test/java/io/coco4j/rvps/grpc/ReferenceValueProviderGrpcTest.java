package io.coco4j.rvps.grpc;

import io.coco4j.grpc.CallerIdentity;
import io.coco4j.grpc.GrpcListener;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference's gRPC RVPS API served by coco4j and used by coco4j's remote provider. */
class ReferenceValueProviderGrpcTest {

    private static String sample(String json) {
        return "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void registerAndQueryOverLoopback() throws Exception {
        InMemoryReferenceValueStore store = new InMemoryReferenceValueStore();
        BuiltinReferenceValueProvider rvps = BuiltinReferenceValueProvider.builder(store).extractor(new SampleExtractor()).build();
        try (GrpcListener listener = GrpcListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .service(new ReferenceValueProviderService(rvps).definition()).start();
             GrpcReferenceValueProvider remote = GrpcReferenceValueProvider.connect("http://127.0.0.1:" + listener.port(), Optional.empty())) {
            remote.register(sample("{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"]}"));
            assertThat(store.get("svn")).isPresent();
            assertThat(remote.query("svn")).contains(Json.readTree("[\"1\"]"));
            assertThat(remote.query("launch_digest")).contains(Json.readTree("[\"abcde\"]"));
            assertThat(remote.query("nothing")).isEmpty();

            assertThatThrownBy(() -> remote.register("{\"type\":\"sample\",\"payload\":\"!!\"}"))
                    .isInstanceOf(GrpcReferenceValueProvider.RemoteRvpsException.class)
                    .hasMessageContaining("ABORTED").hasMessageContaining("not base64");
            assertThatThrownBy(() -> remote.register(sample("{\"x\":1}").replace("sample", "in-toto")))
                    .hasMessageContaining("ABORTED").hasMessageContaining("not supported");
        }
    }

    @Test
    void anUnreachableRvpsIsAnError() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (GrpcReferenceValueProvider remote = GrpcReferenceValueProvider.connect("127.0.0.1:" + port, Optional.empty())) {
            assertThatThrownBy(() -> remote.query("svn")).isInstanceOf(GrpcReferenceValueProvider.RemoteRvpsException.class)
                    .hasMessageContaining("UNAVAILABLE");
        }
    }

    @Test
    void onlyLoopbackOrMutualTlsCallersMayRegister() throws Exception {
        InetSocketAddress remoteHost = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}), 40000);
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        X509Certificate anyCertificate = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(java.util.Base64.getMimeDecoder().decode(
                        java.nio.file.Files.readString(io.coco4j.protocol.testing.TestVectors.resolve("as-token/cert-chain.pem"))
                                .replaceAll("-----[A-Z ]+-----", "").strip())));
        assertThat(ReferenceValueProviderService.mayRegister(new CallerIdentity(remoteHost, Optional.empty()))).isFalse();
        assertThat(ReferenceValueProviderService.mayRegister(new CallerIdentity(null, Optional.empty()))).isFalse();
        assertThat(ReferenceValueProviderService.mayRegister(new CallerIdentity(local, Optional.empty()))).isTrue();
        assertThat(ReferenceValueProviderService.mayRegister(new CallerIdentity(remoteHost, Optional.of(anyCertificate)))).isTrue();
    }
}
