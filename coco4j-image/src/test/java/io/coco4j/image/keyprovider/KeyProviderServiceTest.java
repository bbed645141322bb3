package io.coco4j.image.keyprovider;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key-provider JSON exactly as Go ocicrypt and ocicrypt-rs send it. */
class KeyProviderServiceTest {

    private static final String OPTS = "{\"symkey\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"digest\":\"sha256:"
            + "0".repeat(64) + "\",\"cipheroptions\":{\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}}";

    @TempDir
    Path dir;

    private Path kekFile;
    private byte[] kek;

    private KeyProviderService service() throws Exception {
        kek = new byte[32];
        Arrays.fill(kek, (byte) 0x42);
        kekFile = dir.resolve("kek.bin");
        Files.write(kekFile, kek);
        return new KeyProviderService(kid -> {
            if (!kid.toString().equals("kbs:///default/image-kek/k1")) {
                throw new KeyNotReleasedException(KeyNotReleasedException.Reason.NOT_FOUND, kid.toString(), null);
            }
            return kek.clone();
        });
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String numbers(byte[] bytes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : ",").append(bytes[i] & 0xff);
        }
        return out.append(']').toString();
    }

    private static byte[] numberArray(JsonNode node) {
        assertThat(node.isArray()).as("emitted as a number array").isTrue();
        byte[] bytes = new byte[node.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) node.get(i).asInt();
        }
        return bytes;
    }

    private String goKeywrap() {
        String parameter = b64("keypath=" + kekFile + "::keyid=kbs:///default/image-kek/k1");
        return "{\"op\":\"keywrap\",\"keywrapparams\":{\"ec\":{\"Parameters\":{\"attestation-agent\":[\"" + parameter + "\"]},"
                + "\"DecryptConfig\":{\"Parameters\":{}}},\"optsdata\":\"" + b64(OPTS) + "\"},"
                + "\"keyunwrapparams\":{\"dc\":null,\"annotation\":null}}";
    }

    private static String goKeyunwrap(byte[] annotation) {
        return "{\"op\":\"keyunwrap\",\"keywrapparams\":{\"ec\":null,\"optsdata\":null},\"keyunwrapparams\":{\"dc\":"
                + "{\"Parameters\":{\"attestation-agent\":[\"RW5hYmxlZA==\"]}},\"annotation\":\""
                + Base64.getEncoder().encodeToString(annotation) + "\"}}";
    }

    @Test
    void goRequestsRoundTrip() throws Exception {
        KeyProviderService service = service();
        JsonNode wrapped = Json.readTree(service.handle(goKeywrap().getBytes(StandardCharsets.UTF_8)));
        byte[] annotation = numberArray(wrapped.at("/keywrapresults/annotation"));
        JsonNode packet = Json.readTree(annotation);
        assertThat(packet.get("kid").asText()).isEqualTo("kbs:///default/image-kek/k1");
        assertThat(packet.get("wrap_type").asText()).isEqualTo("A256GCM");

        JsonNode unwrapped = Json.readTree(service.handle(goKeyunwrap(annotation).getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(numberArray(unwrapped.at("/keyunwrapresults/optsdata")), StandardCharsets.UTF_8)).isEqualTo(OPTS);
    }

    @Test
    void rustRequestsWithNumberArraysAndRawOptsdataRoundTrip() throws Exception {
        KeyProviderService service = service();
        byte[] parameter = b64("keypath=" + kekFile + "::keyid=kbs:///default/image-kek/k1").getBytes(StandardCharsets.US_ASCII);
        String wrapRequest = "{\"op\":\"keywrap\",\"keywrapparams\":{\"ec\":{\"Parameters\":{\"attestation-agent\":["
                + numbers(Base64.getDecoder().decode(parameter)) + "]},\"DecryptConfig\":{\"Parameters\":{}}},\"optsdata\":"
                + numbers(OPTS.getBytes(StandardCharsets.UTF_8)) + "},\"keyunwrapparams\":{}}";
        byte[] annotation = numberArray(Json.readTree(service.handle(wrapRequest.getBytes())).at("/keywrapresults/annotation"));
        String unwrapRequest = "{\"op\":\"keyunwrap\",\"keywrapparams\":{},\"keyunwrapparams\":{\"dc\":null,\"annotation\":"
                + numbers(annotation) + "}}";
        JsonNode unwrapped = Json.readTree(service.unwrapKey(unwrapRequest.getBytes()));
        assertThat(new String(numberArray(unwrapped.at("/keyunwrapresults/optsdata")), StandardCharsets.UTF_8)).isEqualTo(OPTS);
    }

    @Test
    void the_spec_keyunwrap_of_the_appendix_packet_yields_its_privopts() throws Exception {
        String packet = "{\"kid\":\"kbs:///default/image-kek/k1\",\"wrapped_data\":\"j5CMgDHn4J67dWlOcM72EKavoDBfSeL4nVeiud8+VHHHFBk+"
                + "oTZhDqLVgUZF5si7VOb7fctKIPD6JhAxcIxnWZldHxr1h7oeCmzlz4EyNVLXvgWZMygGmhnKSkA9sonl5AcyVnILrblWO0wI5QQJeieENRlu3VFcMaKXAC+"
                + "6n85MMPIl9rQDb/9EkCqn1AbFBk7xp1I6kzQDJcXTNsxV6BTqjDkd+4aZvmCXjAiNx1CpIe3+fwuc5hMXUtNiHozzs4ZergLKNynrgE/aEqaJzAA=\","
                + "\"iv\":\"AAAAAAAAAAAAAAAA\",\"wrap_type\":\"A256GCM\"}";
        JsonNode unwrapped = Json.readTree(service().handle(goKeyunwrap(packet.getBytes(StandardCharsets.US_ASCII)).getBytes()));
        assertThat(new String(numberArray(unwrapped.at("/keyunwrapresults/optsdata")), StandardCharsets.UTF_8)).isEqualTo(OPTS);
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        KeyProviderService service = service();
        assertThatThrownBy(() -> service.handle("not json".getBytes())).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> service.handle("{\"op\":\"rekey\"}".getBytes())).hasMessageContaining("unknown key-provider op");
        assertThatThrownBy(() -> service.handle("{\"op\":\"keyunwrap\",\"keyunwrapparams\":{\"annotation\":null}}".getBytes()))
                .hasMessageContaining("without keyunwrapparams.annotation");
        assertThatThrownBy(() -> service.handle("{\"op\":\"keyunwrap\",\"keyunwrapparams\":{\"annotation\":[1,300]}}".getBytes()))
                .hasMessageContaining("byte values");
        String noKeyId = goKeywrap().replace(b64("keypath=" + kekFile + "::keyid=kbs:///default/image-kek/k1"), b64("keypath=" + kekFile));
        assertThatThrownBy(() -> service.handle(noKeyId.getBytes())).hasMessageContaining("keyid=");
        String ctr = goKeywrap().replace(b64("keypath=" + kekFile + "::keyid=kbs:///default/image-kek/k1"),
                b64("keypath=" + kekFile + "::keyid=kbs:///default/image-kek/k1::algorithm=A256CTR"));
        assertThatThrownBy(() -> service.handle(ctr.getBytes())).hasMessageContaining("A256GCM only");
        Files.write(kekFile, new byte[16]);
        assertThatThrownBy(() -> service.handle(goKeywrap().getBytes())).hasMessageContaining("16 bytes");
    }

    @Test
    void aRefusedKekIsReportedAsSuch() throws Exception {
        KeyProviderService service = service();
        byte[] annotation = numberArray(Json.readTree(service.handle(goKeywrap().replace(
                b64("keypath=" + kekFile + "::keyid=kbs:///default/image-kek/k1"),
                b64("keypath=" + kekFile + "::keyid=kbs:///default/image-kek/k2")).getBytes())).at("/keywrapresults/annotation"));
        assertThatThrownBy(() -> service.handle(goKeyunwrap(annotation).getBytes())).hasMessageContaining("key not released: no such key");
        assertThatThrownBy(() -> new KeyProviderService(null).handle(goKeyunwrap(annotation).getBytes()))
                .hasMessageContaining("not configured to unwrap");
    }
}
