package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.storage.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Path traversal against the resource repository (LocalFs): encoded dot segments, backslashes,
 * Unicode look-alike dots and leading dots never reach a file outside the repository.
 */
class ResourcePathTraversalAttackTest {

    private static final String[] HOSTILE = {
            "default/key/..", "default/../../secret", "..%2F..%2Fstorage/kbs/resource-policy.rego",
            "%2e%2e/%2e%2e/x", "default/%2e%2e/x", "default/key/%2e", "default/key%5C..%5C..%5Cx/y",
            "default/key/\u2024\u2024", "default/key/\uff0e\uff0e", "default/.key/1", ".default/key/1",
            "default/key/1%00.txt", "default//key/1", "default/key/1/", "default/key/1/extra",
            "%2E%2E/%2E%2E/x", "default/%252e%252e/x", "default/%c0%ae%c0%ae/x", "default/key/%2e%2e%2fx",
            "default/key/\u2025", "default/key/\ufe52\ufe52", "default/key/\u3002\u3002", "default/key/...", "default/key/..%5c"};

    @TempDir
    Path dir;

    private TestKbs kbs;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
        Files.writeString(dir.resolve("outside.txt"), "must never be served");
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            out.append(c < 0x80 ? String.valueOf(c) : java.net.URLEncoder.encode(String.valueOf(c), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void hostileReadsAreRefused() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.handshake();
        for (String path : HOSTILE) {
            int status = guest.getResource(encode(path)).statusCode();
            assertThat(status).as(path).isIn(400, 404);
        }
    }

    @Test
    void hostileWritesAreRefusedAndTouchNothing() throws Exception {
        String admin = "Bearer " + kbs.adminToken();
        for (String path : HOSTILE) {
            int status = kbs.send("POST", "/kbs/v0/resource/" + encode(path), new byte[] {9}, "Authorization", admin).statusCode();
            assertThat(status).as(path).isIn(400, 404);
        }
        assertThat(kbs.server.storage().namespace(Namespace.REPOSITORY).keys()).isEmpty();
        assertThat(Files.readString(dir.resolve("outside.txt"))).isEqualTo("must never be served");
        try (var files = Files.walk(kbs.data.root())) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("secret", "x", "y");
        }
    }
}
