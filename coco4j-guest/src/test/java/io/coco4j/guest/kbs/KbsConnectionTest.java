package io.coco4j.guest.kbs;

import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KbsConnectionTest {

    @Test
    void baseUrlLosesTrailingSlashesAndKeepsAPathPrefix() {
        assertThat(KbsConnection.to("http://127.0.0.1:8080/").baseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(KbsConnection.to("https://kbs.example//").baseUrl()).isEqualTo("https://kbs.example");
        assertThat(KbsConnection.to("https://gw.example/tenant-a/").api("auth").toString())
                .isEqualTo("https://gw.example/tenant-a/kbs/v0/auth");
    }

    @Test
    void resourceUrisMapBelowTheConfiguredKbsIgnoringTheirAuthority() {
        KbsConnection kbs = KbsConnection.to("https://kbs:8080/");
        assertThat(ResourceUri.parse("kbs://ignored:1/alice/key/1?v=2").toUrl(kbs.baseUrl()).toString())
                .isEqualTo("https://kbs:8080/kbs/v0/resource/alice/key/1?v=2");
        assertThat(ResourceUri.parse("kbs:///default/key/1").toUrl(kbs.baseUrl()).toString())
                .isEqualTo("https://kbs:8080/kbs/v0/resource/default/key/1");
        assertThat(ResourceUri.parse("kbs+pkcs11:///wrapped/key/k1").toUrl(kbs.baseUrl()).toString())
                .isEqualTo("https://kbs:8080/kbs/v0/pkcs11/wrapped/key/k1");
    }

    @Test
    void unusableUrlsAreRefused() {
        assertThatThrownBy(() -> KbsConnection.to("ftp://kbs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> KbsConnection.to("kbs:8080")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KbsConnection.to("http:///path")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> KbsConnection.to("http://kbs/?x=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KbsConnection.to("http://user:pw@kbs/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KbsConnection.to("http://kbs with space/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> KbsConnection.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void timeoutsMustBePositive() {
        assertThat(KbsConnection.to("http://kbs").requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> KbsConnection.builder().requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KbsConnection.builder().connectTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pemWithoutCertificatesIsRefused() {
        assertThatThrownBy(() -> KbsConnection.builder().trustedCertificatesPem("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KbsConnection.builder().trustedCertificatesPem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PEM certificate");
    }
}
