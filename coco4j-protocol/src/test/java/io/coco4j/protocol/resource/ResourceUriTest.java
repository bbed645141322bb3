package io.coco4j.protocol.resource;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceUriTest {

    @Test
    void parsesTheCommonForm() {
        ResourceUri uri = ResourceUri.parse("kbs:///default/key/1");
        assertThat(uri.plugin()).isEqualTo("resource");
        assertThat(uri.authority()).isEmpty();
        assertThat(uri.segments()).containsExactly("default", "key", "1");
        assertThat(uri.toUrl("http://127.0.0.1:8080/").toString()).isEqualTo("http://127.0.0.1:8080/kbs/v0/resource/default/key/1");
        assertThat(uri.toString()).isEqualTo("kbs:///default/key/1");
    }

    @Test
    void ignoresTheAuthorityForTheRequestButKeepsTheQuery() {
        ResourceUri uri = ResourceUri.parse("kbs://ignored:1/alice/key/1?v=2#frag");
        assertThat(uri.authority()).isEqualTo("ignored:1");
        assertThat(uri.toUrl("https://kbs:8080").toString()).isEqualTo("https://kbs:8080/kbs/v0/resource/alice/key/1?v=2");
    }

    @Test
    void pluginSchemes() {
        ResourceUri uri = ResourceUri.parse("kbs+pkcs11:///resource/a/b/c");
        assertThat(uri.plugin()).isEqualTo("pkcs11");
        assertThat(uri.apiPath()).isEqualTo("pkcs11/resource/a/b/c");
        assertThat(ResourceUri.parse("kbs+resource:///a/b/c").toString()).isEqualTo("kbs:///a/b/c");
    }

    @Test
    void refusesOtherSchemesAndEmptyPaths() {
        assertThatThrownBy(() -> ResourceUri.parse("https:///a/b/c")).hasMessageContaining("unsupported scheme");
        assertThatThrownBy(() -> ResourceUri.parse("kbs+:///a/b/c")).hasMessageContaining("unsupported scheme");
        assertThatThrownBy(() -> ResourceUri.parse("kbs://host")).hasMessageContaining("no path");
        assertThatThrownBy(() -> ResourceUri.parse("/a/b/c")).hasMessageContaining("not a KBS resource URI");
    }

    @Test
    void resourcePathRule() {
        assertThat(ResourceUri.isValidResourcePath(List.of("default", "key", "v1.2"))).isTrue();
        assertThat(ResourceUri.isValidResourcePath(List.of("default", "..", "x"))).isFalse();
        assertThat(ResourceUri.isValidResourcePath(List.of("default", ".hidden", "x"))).isFalse();
        assertThat(ResourceUri.isValidResourcePath(List.of("default", "key"))).isFalse();
        assertThat(ResourceUri.isValidResourcePath(List.of("default", "key", "1", ""))).isFalse();
        assertThat(ResourceUri.isValidResourcePath(List.of("a%2F", "key", "1"))).isFalse();
    }
}
