package io.coco4j.guest.cdh;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.coco4j.guest.secret.SealedSecret;
import io.coco4j.guest.secret.SecretPayload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hub over the offline_fs getter: resources, sealed secrets with file or KBS keys, and what it refuses. */
class ConfidentialDataHubTest {

    @TempDir
    Path dir;

    private ECKey signer;
    private Path keys;
    private ConfidentialDataHub hub;

    @BeforeEach
    void hub() throws Exception {
        signer = new ECKeyGenerator(Curve.P_256).generate();
        keys = Files.createDirectories(dir.resolve("sealed-secret"));
        Files.writeString(keys.resolve("signer"), signer.toPublicJWK().toJSONString());
        Files.writeString(dir.resolve("outside"), signer.toPublicJWK().toJSONString());
        Path resources = dir.resolve("resources.json");
        Files.writeString(resources, "{\"default/db/password\":\"" + b64("hunter2") + "\",\"default/keys/1\":\""
                + b64(signer.toPublicJWK().toJSONString()) + "\"}");
        hub = new ConfidentialDataHub(OfflineFsResourceGetter.load(List.of(resources, dir.resolve("absent.json"))), false, keys);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void resources() throws Exception {
        assertThat(hub.getResource("kbs:///default/db/password")).asString().isEqualTo("hunter2");
        assertThatThrownBy(() -> hub.getResource("kbs:///default/db/other"))
                .isInstanceOfSatisfying(CdhException.class, e -> assertThat(e.kind()).isEqualTo(CdhException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> hub.getResource("kbs:///default/db"))
                .isInstanceOfSatisfying(CdhException.class, e -> assertThat(e.kind()).isEqualTo(CdhException.Kind.BAD_REQUEST));
    }

    @Test
    void sealedSecretsWithAKeyFileOrAKbsKey() throws Exception {
        String byFile = SealedSecret.seal(SecretPayload.Vault.kbs("kbs:///default/db/password"), "signer", signer.toECPrivateKey());
        assertThat(hub.unsealSecret(byFile.getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("hunter2");
        String byKbs = SealedSecret.seal(SecretPayload.Vault.kbs("kbs:///default/db/password"), "kbs:///default/keys/1", signer.toECPrivateKey());
        assertThat(hub.unsealSecret(byKbs.getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("hunter2");
    }

    @Test
    void kidsCannotLeaveTheKeyDirectory() throws Exception {
        for (String kid : new String[]{"../outside", "/etc/passwd", "sub/../../outside", "missing"}) {
            String sealed = SealedSecret.seal(SecretPayload.Vault.kbs("kbs:///default/db/password"), kid, signer.toECPrivateKey());
            assertThatThrownBy(() -> hub.unsealSecret(sealed.getBytes(StandardCharsets.UTF_8))).as(kid)
                    .isInstanceOf(CdhException.class).hasMessageNotContaining("hunter2");
        }
        Files.createSymbolicLink(keys.resolve("link"), dir.resolve("outside"));
        String linked = SealedSecret.seal(SecretPayload.Vault.kbs("kbs:///default/db/password"), "link", signer.toECPrivateKey());
        assertThatThrownBy(() -> hub.unsealSecret(linked.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("leaves the key directory");
    }

    @Test
    void withoutAnImageServiceImageCallsAreNotSupported() {
        assertThatThrownBy(() -> hub.unwrapKey("{}".getBytes()))
                .isInstanceOfSatisfying(CdhException.class, e -> assertThat(e.kind()).isEqualTo(CdhException.Kind.NOT_SUPPORTED))
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> hub.pullImage("docker.io/library/busybox", "/run/bundle")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> hub.secureMount("block-device")).hasMessageContaining("not supported");
    }

    @Test
    void malformedOfflineFilesAreRefused() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"a/b/c\":\"not base64!\"}");
        assertThatThrownBy(() -> OfflineFsResourceGetter.load(List.of(bad))).hasMessageContaining("not base64");
        Files.writeString(bad, "[]");
        assertThatThrownBy(() -> OfflineFsResourceGetter.load(List.of(bad))).hasMessageContaining("not a JSON object");
    }
}
