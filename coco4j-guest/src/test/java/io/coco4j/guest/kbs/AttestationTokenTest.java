package io.coco4j.guest.kbs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttestationTokenTest {

    private static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void validFromNbfThroughExpInclusive() throws Exception {
        AttestationToken token = AttestationToken.parse(jwt("{\"iat\":990,\"nbf\":1000,\"exp\":2000}"));
        assertThat(token.expiresAt()).contains(Instant.ofEpochSecond(2000));
        assertThat(token.notBefore()).contains(Instant.ofEpochSecond(1000));
        assertThat(token.isValidAt(Instant.ofEpochSecond(999))).isFalse();
        assertThat(token.isValidAt(Instant.ofEpochSecond(1000))).isTrue();
        assertThat(token.isValidAt(Instant.ofEpochSecond(2000))).isTrue();
        assertThat(token.isValidAt(Instant.ofEpochSecond(2000).plusMillis(999))).isTrue();
        assertThat(token.isValidAt(Instant.ofEpochSecond(2001))).isFalse();
    }

    @Test
    void absentClaimsAreNotChecked() throws Exception {
        AttestationToken noClaims = AttestationToken.parse(jwt("{\"iss\":\"x\"}"));
        assertThat(noClaims.expiresAt()).isEmpty();
        assertThat(noClaims.notBefore()).isEmpty();
        assertThat(noClaims.isValidAt(Instant.EPOCH)).isTrue();
        assertThat(noClaims.isValidAt(Instant.parse("2100-01-01T00:00:00Z"))).isTrue();

        AttestationToken expOnly = AttestationToken.parse(jwt("{\"exp\":50}"));
        assertThat(expOnly.isValidAt(Instant.EPOCH)).isTrue();
        assertThat(expOnly.isValidAt(Instant.ofEpochSecond(51))).isFalse();
    }

    @Test
    void theSignatureIsNotTheGuestsBusiness() throws Exception {
        String token = jwt("{\"exp\":2000}");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(AttestationToken.parse(tampered).jwt()).isEqualTo(tampered);
    }

    @Test
    void malformedTokensAreProtocolErrors() {
        assertThatThrownBy(() -> AttestationToken.parse("abc.def")).isInstanceOf(KbsProtocolException.class)
                .hasMessageContaining("3 dot-separated parts");
        assertThatThrownBy(() -> AttestationToken.parse("a.b.c.d")).isInstanceOf(KbsProtocolException.class);
        assertThatThrownBy(() -> AttestationToken.parse("e30.!!!.sig")).isInstanceOf(KbsProtocolException.class)
                .hasMessageContaining("base64url JSON");
        assertThatThrownBy(() -> AttestationToken.parse(jwt("[1,2]"))).isInstanceOf(KbsProtocolException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> AttestationToken.parse(jwt("{\"exp\":\"2000\"}"))).isInstanceOf(KbsProtocolException.class)
                .hasMessageContaining("'exp'");
        assertThatThrownBy(() -> AttestationToken.parse(jwt("{\"nbf\":1.5}"))).isInstanceOf(KbsProtocolException.class)
                .hasMessageContaining("'nbf'");
        assertThatThrownBy(() -> AttestationToken.parse(jwt("{\"exp\":-1}"))).isInstanceOf(KbsProtocolException.class);
    }

    @Test
    void toStringNeverShowsTheBearerCredential() throws Exception {
        String raw = jwt("{\"exp\":2000}");
        AttestationToken token = AttestationToken.parse(raw);
        assertThat(token.toString()).doesNotContain(raw.substring(0, 20)).contains("1970-01-01T00:33:20Z");
    }
}
