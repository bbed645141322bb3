package io.coco4j.guest.kbs;

import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.testing.ScriptedKbs;
import io.coco4j.guest.testing.TestTls;
import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KbsTlsTest {

    private static final byte[] SECRET = "over https".getBytes(StandardCharsets.US_ASCII);
    private static final ResourceUri KEY = ResourceUri.parse("kbs:///default/tls/1");

    private TestTls tls;
    private ScriptedKbs kbs;

    @BeforeEach
    void start() throws Exception {
        tls = TestTls.selfSigned("coco4j test KBS");
        kbs = ScriptedKbs.startHttps(tls.serverContext());
    }

    @AfterEach
    void stop() {
        kbs.close();
    }

    @Test
    void aPinnedCertificateIsTrusted() throws Exception {
        kbs.expectHandshake().expectResource("/kbs/v0/resource/default/tls/1", kbs.resource(SECRET));
        KbsClient client = KbsClient.builder()
                .connection(KbsConnection.builder().url(kbs.url()).trustedCertificatesPem(tls.certificatePem()).build())
                .attester(new SampleAttester()).build();
        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        kbs.assertScriptDone();
    }

    @Test
    void withoutThePinTheSelfSignedKbsIsRefused() {
        KbsClient client = KbsClient.builder().url(kbs.url()).attester(new SampleAttester()).build();
        assertThatThrownBy(() -> client.getResource(KEY)).isInstanceOf(KbsTransportException.class)
                .hasMessageContaining("TLS with the KBS at " + kbs.url() + " failed");
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void aDifferentPinIsRefused() throws Exception {
        TestTls other = TestTls.selfSigned("somebody else");
        KbsClient client = KbsClient.builder()
                .connection(KbsConnection.builder().url(kbs.url()).trustedCertificates(java.util.List.of(other.certificate())).build())
                .attester(new SampleAttester()).build();
        assertThatThrownBy(() -> client.getResource(KEY)).isInstanceOf(KbsTransportException.class);
        assertThat(kbs.requests()).isEmpty();
    }
}
