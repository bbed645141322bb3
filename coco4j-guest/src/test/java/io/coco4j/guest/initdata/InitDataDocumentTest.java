package io.coco4j.guest.initdata;

import io.coco4j.protocol.rcar.HashAlgorithm;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InitDataDocumentTest {

    /** The guest protocol's worked example (Appendix B.4): eight lines, each ending in a newline. */
    static final String B4 = "algorithm = \"sha384\"\n"
            + "version = \"0.1.0\"\n"
            + "\n"
            + "[data]\n"
            + "\"aa.toml\" = '''\n"
            + "[token_configs.kbs]\n"
            + "url = \"http://10.0.0.1:8080\"\n"
            + "'''\n";

    @Test
    void digestOfTheExactBytes() throws Exception {
        InitDataDocument document = InitDataDocument.parse(B4.getBytes(StandardCharsets.UTF_8));
        assertThat(document.algorithm()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(document.version()).isEqualTo("0.1.0");
        assertThat(document.data()).containsOnlyKeys("aa.toml");
        assertThat(document.data().get("aa.toml")).isEqualTo("[token_configs.kbs]\nurl = \"http://10.0.0.1:8080\"\n");
        assertThat(HexFormat.of().formatHex(document.digest()))
                .isEqualTo("7e11d1b084ba7b39e855c8941e10e644037ec2437b53950eacd518b5d7602f6ff13cf1de2fdc2cd20deef601824e9e65");
        assertThat(document.digestBase64()).isEqualTo("fhHRsIS6eznoVciUHhDmRAN+wkN7U5UOrNUYtddgL2/xPPHeL9ws0g3u9gGCTp5l");
        assertThat(document.fittedDigest(48)).isEqualTo(document.digest());
        assertThat(HexFormat.of().formatHex(document.fittedDigest(32))).isEqualTo("7e11d1b084ba7b39e855c8941e10e644037ec2437b53950eacd518b5d7602f6f");
        assertThat(document.text()).isEqualTo(B4);
    }

    @Test
    void everyByteCounts() throws Exception {
        InitDataDocument spaced = InitDataDocument.parse(B4 + "\n");
        assertThat(spaced.digest()).isNotEqualTo(InitDataDocument.parse(B4).digest());
        assertThat(spaced.data()).isEqualTo(InitDataDocument.parse(B4).data());
    }

    @Test
    void sha256AndPadding() throws Exception {
        InitDataDocument document = InitDataDocument.parse("algorithm = \"sha256\"\nversion = \"0.1.0\"\n[data]\n");
        assertThat(document.digest()).hasSize(32);
        assertThat(document.fittedDigest(48)).hasSize(48).endsWith(new byte[16]);
    }

    @Test
    void malformedDocumentsAreRefused() {
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha-384\"\nversion = \"0.1.0\"\n[data]\n"))
                .isInstanceOf(InitDataException.class).hasMessageContaining("'sha-384'");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"SHA384\"\nversion = \"0.1.0\"\n[data]\n"))
                .hasMessageContaining("'SHA384'");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha384\"\n[data]\n")).hasMessageContaining("'version'");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha384\"\nversion = \"0.1.0\"\n")).hasMessageContaining("[data]");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha384\"\nversion = \"0.1.0\"\n[data]\nx = 1\n"))
                .hasMessageContaining("'x' is not a string");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = ")).hasMessageContaining("not TOML");
        assertThatThrownBy(() -> InitDataDocument.parse(new byte[]{(byte) 0xC3, 0x28})).hasMessageContaining("not UTF-8");
    }
}
