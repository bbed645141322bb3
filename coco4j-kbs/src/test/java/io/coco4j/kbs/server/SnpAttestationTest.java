package io.coco4j.kbs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A live {@code snp} attestation through the whole RCAR path: a test attester signs SNP reports
 * with a VCEK of a chain generated here, the KBS's SNP verifier trusts that chain's root only
 * through the test-scoped verifier registry, and the guest then fetches a resource. The resource
 * step runs on a development-mode KBS, whose resource policy admits any attested token.
 */
class SnpAttestationTest {

    private static final byte[] SECRET = "snp guest secret".getBytes(StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    private TestSnpPlatform platform;
    private TestSnpPlatform.Vcek vcek;
    private TestKbs kbs;

    @BeforeEach
    void start() throws Exception {
        platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        SnpVerifier verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()), Clock.systemUTC());
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(verifier).build();
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT, registry);
        kbs.setResource("default/key/snp", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    /** The attestation body with SNP evidence whose report_data binds {@code reportNonce} and the guest's key. */
    private ObjectNode attestation(TestKbs.Guest guest, String reportNonce, TestSnpPlatform.Vcek signer) throws Exception {
        byte[] digest = RuntimeData.digest(new RuntimeData(reportNonce, guest.key.publicJwk()).primaryBinding(""), HashAlgorithm.SHA384);
        ObjectNode evidence = signer.evidence(signer.sign(signer.report().reportData(Expectation.regularize(digest, 64))));
        return guest.attestation(evidence);
    }

    private static JsonNode tokenClaims(String token) throws Exception {
        return Json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void snpGuestAttestsAndFetchesAResource() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(guest.auth("snp").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> attested = guest.attest(attestation(guest, guest.nonce, vcek));
        assertThat(attested.statusCode()).as(new String(attested.body(), StandardCharsets.UTF_8)).isEqualTo(200);

        String token = Json.readTree(attested.body()).get("token").asText();
        String claims = Json.write(tokenClaims(token));
        // The verified SNP claims reach the token: the chip id and the policy bits of the signed report.
        assertThat(claims).contains(HEX.formatHex(platform.chipId())).contains("policy_debug_allowed").contains("reported_tcb_snp");

        HttpResponse<byte[]> resource = guest.getResource("default/key/snp");
        assertThat(resource.statusCode()).as(new String(resource.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(ResourceDecryptor.decrypt(Json.read(resource.body(), JweResponse.class), guest.key)).isEqualTo(SECRET);
    }

    @Test
    void reportBoundToAnotherNonceIsRefused() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("snp");
        String replayedNonce = Base64.getEncoder().encodeToString(new byte[32]);
        HttpResponse<byte[]> response = guest.attest(attestation(guest, replayedNonce, vcek));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(guest.getResource("default/key/snp").statusCode()).isEqualTo(401);
    }

    @Test
    void reportFromAnUntrustedRootIsRefused() throws Exception {
        TestSnpPlatform forged = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek forgedVcek = forged.vcek(TcbVersion.of(3, 0, 8, 115));
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("snp");
        HttpResponse<byte[]> response = guest.attest(attestation(guest, guest.nonce, forgedVcek));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain(HEX.formatHex(forged.chipId()));
        assertThat(guest.getResource("default/key/snp").statusCode()).isEqualTo(401);
    }
}
