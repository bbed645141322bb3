package io.coco4j.kbs.attack;

import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.storage.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compressed-payload bombs against the KBS: a small gzip body that would inflate to 256 MiB, sent
 * with {@code Content-Encoding: gzip}. The KBS inflates no request body; it refuses every content
 * coding (415) rather than storing or parsing compressed bytes as if they were the content.
 * The other decompressions of the code base are bounded where they happen: image layers
 * ({@code LayerDecompressionBombAttackTest}) and deflated JWE key-wrap entries ({@code JweDeflateBombAttackTest}).
 */
class CompressedPayloadAttackTest {

    @TempDir
    Path dir;

    private static byte[] gzipBomb(long size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    @Test
    void encodedBodiesAreRefusedWithoutInflatingThem() throws Exception {
        byte[] bomb = gzipBomb(256L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            assertRefused(kbs.send("POST", "/kbs/v0/auth", bomb, "Content-Encoding", "gzip"), 415, "UnsupportedContentEncoding");
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("sample");
            assertRefused(kbs.send("POST", "/kbs/v0/attest", bomb, "Content-Encoding", "gzip", "Cookie", guest.cookie),
                    415, "UnsupportedContentEncoding");

            String admin = "Bearer " + kbs.adminToken();
            for (String encoding : new String[] {"gzip", "deflate", "br", "x-gzip", "identity, gzip", "GZIP"}) {
                assertRefused(kbs.send("POST", "/kbs/v0/resource/default/key/1", bomb, "Content-Encoding", encoding, "Authorization", admin),
                        415, "UnsupportedContentEncoding");
                assertRefused(kbs.send("POST", "/rvps/v0/reference-values", bomb, "Content-Encoding", encoding, "Authorization", admin),
                        415, "UnsupportedContentEncoding");
            }
            assertThat(kbs.server.storage().namespace(Namespace.REPOSITORY).keys()).isEmpty();

            // the explicit identity coding is no coding at all
            assertThat(kbs.send("POST", "/kbs/v0/resource/default/key/1", new byte[] {1}, "Content-Encoding", "identity", "Authorization", admin)
                    .statusCode()).isEqualTo(200);
            assertThat(guest.handshake()).as("still serving").isNotEmpty();
        }
    }
}
