package io.coco4j.image.keywrap;

import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KEKs released by a real KBS (development mode, sample TEE) to an attested guest, and refused by policy. */
class KbsKekSourceTest {

    private static final byte[] OPTS = "{\"symkey\":\"AA==\",\"digest\":\"sha256:00\",\"cipheroptions\":{}}".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private TestKbs kbs;
    private byte[] kek;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
        kek = new byte[32];
        Arrays.fill(kek, (byte) 0x5a);
        kbs.setResource("default/image-kek/1", kek);
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private KbsKekSource source() {
        return new KbsKekSource(KbsClient.builder().url(kbs.url).attester(new SampleAttester()).handshakeRetryDelay(Duration.ZERO).build());
    }

    @Test
    void anAttestedGuestUnwrapsWithTheKekFromTheKbs() throws Exception {
        byte[] packet = new AttestationAgentKeyWrapper(ResourceUri.parse("kbs:///default/image-kek/1"), kek).wrap(OPTS).get(0);
        assertThat(new AttestationAgentKeyUnwrapper(source()).unwrap(packet)).isEqualTo(OPTS);
    }

    @Test
    void aDenyingPolicyIsReportedAsPolicyDenied() throws Exception {
        String deny = "package policy\nimport rego.v1\ndefault allow := false\n";
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(deny.getBytes(StandardCharsets.UTF_8));
        assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + encoded + "\"}", "Authorization", "Bearer " + kbs.adminToken())
                .statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> source().kek(ResourceUri.parse("kbs:///default/image-kek/1")))
                .isInstanceOf(KeyNotReleasedException.class)
                .hasMessageStartingWith("key not released: policy denied")
                .satisfies(e -> assertThat(((KeyNotReleasedException) e).reason()).isEqualTo(KeyNotReleasedException.Reason.POLICY_DENIED));
    }

    @Test
    void missingAndMisSizedKeysAreNamed() throws Exception {
        assertThatThrownBy(() -> source().kek(ResourceUri.parse("kbs:///default/image-kek/none")))
                .isInstanceOf(KeyNotReleasedException.class).hasMessageStartingWith("key not released: no such key");
        kbs.setResource("default/image-kek/short", new byte[16]);
        assertThatThrownBy(() -> source().kek(ResourceUri.parse("kbs:///default/image-kek/short")))
                .isInstanceOf(KeyUnwrapException.class).hasMessageContaining("16 bytes, not a 32-byte KEK");
    }
}
