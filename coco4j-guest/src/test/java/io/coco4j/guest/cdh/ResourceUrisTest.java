package io.coco4j.guest.cdh;

import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guest protocol's §1 rules for resource URIs, as the CDH applies them. */
class ResourceUrisTest {

    @Test
    void wellFormedUris() throws Exception {
        ResourceUri plain = ResourceUris.parse("kbs:///default/key/1");
        assertThat(plain.plugin()).isEqualTo("resource");
        assertThat(plain.segments()).containsExactly("default", "key", "1");
        // the authority is kept but ignored; the query travels on
        ResourceUri withHost = ResourceUris.parse("kbs://ignored:1/alice/key/1?v=2");
        assertThat(withHost.toUrl("https://kbs:8080/").toString()).isEqualTo("https://kbs:8080/kbs/v0/resource/alice/key/1?v=2");
        assertThat(ResourceUris.parse("kbs+resource:///a/b/c").toString()).isEqualTo("kbs:///a/b/c");
        // another plugin's path is not held to repo/type/tag
        assertThat(ResourceUris.parse("kbs+pkcs11:///wrapped/x").segments()).containsExactly("wrapped", "x");
        assertThat(ResourceUris.parse("kbs:///a_b/c-d/e.f").segments()).containsExactly("a_b", "c-d", "e.f");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "another scheme                 | https:///default/key/1",
            "no scheme separator            | kbs:default/key/1",
            "a bare kbs+ scheme             | kbs+:///default/key/1",
            "an empty path                  | kbs://host",
            "an empty path after the slash  | kbs:///",
            "two segments                   | kbs:///default/key",
            "four segments                  | kbs:///default/key/1/2",
            "an empty segment               | kbs:///default//1",
            "a dot segment                  | kbs:///default/./1",
            "a dot-dot segment              | kbs:///default/../1",
            "a leading dot                  | kbs:///.hidden/key/1",
            "a character outside the set    | kbs:///default/key/a b",
            "an encoded slash               | kbs:///default/key%2F1/x",
            "a malformed authority          | kbs://ho st/default/key/1"})
    void malformedUrisAreRefused(String why, String uri) {
        assertThatThrownBy(() -> ResourceUris.parse(uri)).as(why).isInstanceOf(ResourceException.class)
                .hasMessageContaining("resource URI");
    }
}
