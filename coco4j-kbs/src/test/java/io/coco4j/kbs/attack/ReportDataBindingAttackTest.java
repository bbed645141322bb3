package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.EcTeePublicKey;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report binds the canonical (JCS) runtime data: equivalent JSON spellings bind the same
 * digest, anything else (other key, other devices string, padded or cut report data) does not.
 * Numbers never enter the KBS's runtime data: a number where a string belongs is refused rather
 * than coerced, and extra members are dropped before hashing. (JCS number forms through the AS:
 * {@code io.coco4j.as.attack.StructuredRuntimeDataAttackTest}; the canonicaliser: {@code JcsTest}.)
 */
class ReportDataBindingAttackTest {

    @TempDir
    Path dir;

    private TestKbs kbs;
    private TestKbs.Guest guest;

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT);
        guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private static String reportData(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    private byte[] digestOf(String nonce, String additional) {
        return RuntimeData.digest(new RuntimeData(nonce, guest.key.publicJwk()).primaryBinding(additional), HashAlgorithm.SHA384);
    }

    /** The attestation body as raw text, so the test controls member order and escapes. */
    private String body(String teePubkeyJson, String nonceJson, String reportData, String additionalJson) {
        return "{\"runtime-data\":{\"tee-pubkey\":" + teePubkeyJson + ",\"nonce\":" + nonceJson + "},"
                + "\"tee-evidence\":{\"additional_evidence\":" + additionalJson + ",\"primary_evidence\":{\"report_data\":\""
                + reportData + "\",\"svn\":\"1\"}}}";
    }

    private String keyJsonReordered(String extra) {
        EcTeePublicKey key = (EcTeePublicKey) guest.key.publicJwk();
        return "{\"y\":\"" + key.y() + "\",\"x\":\"" + key.x() + "\"" + extra + ",\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\"}";
    }

    @Test
    void memberOrderUnicodeEscapesAndForeignKeyMembersDoNotChangeTheBinding() throws Exception {
        String escapedNonce = "\"" + guest.nonce.replace("A", "\\u0041") + "\"";
        String body = body(keyJsonReordered(",\"kid\":\"ignored\""), escapedNonce, reportData(digestOf(guest.nonce, "")), "\"\"");
        assertThat(kbs.post("/kbs/v0/attest", body, "Cookie", guest.cookie).statusCode()).isEqualTo(200);
    }

    @Test
    void paddedOrTruncatedReportDataIsRefused() throws Exception {
        byte[] digest = digestOf(guest.nonce, "");
        String padded = body(keyJsonReordered(""), "\"" + guest.nonce + "\"", reportData(Arrays.copyOf(digest, 64)), "\"\"");
        assertRefused(kbs.post("/kbs/v0/attest", padded, "Cookie", guest.cookie), 401, "AttestationError");
        String truncated = body(keyJsonReordered(""), "\"" + guest.nonce + "\"", reportData(Arrays.copyOf(digest, 32)), "\"\"");
        assertRefused(kbs.post("/kbs/v0/attest", truncated, "Cookie", guest.cookie), 401, "AttestationError");
    }

    @Test
    void theAdditionalEvidenceStringIsBoundByteForByte() throws Exception {
        String devices = "{\"sampledevice\":{\"svn\":\"2\",\"report_data\":\"x\"}}";
        byte[] boundWithSpaces = digestOf(guest.nonce, devices.replace(":", ": "));
        String body = body(keyJsonReordered(""), "\"" + guest.nonce + "\"", reportData(boundWithSpaces), Json.write(devices));
        assertRefused(kbs.post("/kbs/v0/attest", body, "Cookie", guest.cookie), 401, "AttestationError");
    }

    @Test
    void anotherKeyThanTheReportBindsIsRefused() throws Exception {
        ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
        ((ObjectNode) body.get("runtime-data")).set("tee-pubkey", TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256).publicJwk().toJson());
        assertRefused(guest.attest(body), 401, "AttestationError");
    }

    @Test
    void numbersWhereStringsBelongAreRefusedNotCoerced() throws Exception {
        String digest = reportData(digestOf(guest.nonce, ""));
        EcTeePublicKey key = (EcTeePublicKey) guest.key.publicJwk();
        // a nonce spelt as a number
        assertRefused(kbs.post("/kbs/v0/attest", body(keyJsonReordered(""), "1e2", digest, "\"\""), "Cookie", guest.cookie), 401, "AttestationError");
        // a key coordinate spelt as a number
        String numericX = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":1.0,\"y\":\"" + key.y() + "\"}";
        assertRefused(kbs.post("/kbs/v0/attest", body(numericX, "\"" + guest.nonce + "\"", digest, "\"\""), "Cookie", guest.cookie), 401, "AttestationError");
        // additional_evidence must be the exact string, not a number or an object
        assertRefused(kbs.post("/kbs/v0/attest", body(keyJsonReordered(""), "\"" + guest.nonce + "\"", digest, "0"), "Cookie", guest.cookie),
                401, "AttestationError");
    }

    @Test
    void extraNumericMembersAreNotBound() throws Exception {
        // the report binds {nonce, tee-pubkey, additional-evidence} only, whatever else the body carries
        String digest = reportData(digestOf(guest.nonce, ""));
        String body = body(keyJsonReordered(",\"ext\":1.0"), "\"" + guest.nonce + "\"", digest, "\"\"")
                .replace("\"runtime-data\":{", "\"runtime-data\":{\"svn\":1e2,");
        assertThat(kbs.post("/kbs/v0/attest", body, "Cookie", guest.cookie).statusCode()).isEqualTo(200);
    }
}
