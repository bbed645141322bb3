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
import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestEventLogs;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.tdx.TdxEvidence;
import io.coco4j.verifier.tdx.TdxVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A live {@code tdx} attestation through the whole RCAR path: a test attester produces TD quotes
 * signed by the QE of a platform whose PCK chain and collateral were generated here, the KBS's TDX
 * verifier trusts that hierarchy's root only through the test-scoped verifier registry, and the
 * guest then fetches a resource from a development-mode KBS (whose resource policy admits any
 * attested token). The evidence carries a CC event log that the verifier replays into the RTMRs.
 */
class TdxAttestationTest {

    private static final byte[] SECRET = "tdx guest secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FMSPC = HexFormat.of().parseHex("00906ed50000");

    @TempDir
    Path dir;

    @TempDir
    Path collateral;

    private TestDcapPki pki;
    private TestPlatform platform;
    private TestKbs kbs;

    @BeforeEach
    void start() throws Exception {
        Instant now = Instant.now();
        pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        platform = pki.platform(FMSPC, new int[]{3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        pki.writeTdxCollateral(collateral, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        DcapQuoteVerifier dcap = new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(collateral),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.systemUTC());
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(new TdxVerifier(dcap)).build();
        kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT, registry);
        kbs.setResource("default/key/tdx", SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    /** The attestation body with TDX evidence whose REPORTDATA binds {@code reportNonce} and the guest's key. */
    private ObjectNode attestation(TestKbs.Guest guest, String reportNonce, TestPlatform signer) {
        byte[] digest = RuntimeData.digest(new RuntimeData(reportNonce, guest.key.publicJwk()).primaryBinding(""), HashAlgorithm.SHA384);
        CcEventLog log = TestEventLogs.sample();
        byte[] quote = signer.tdxQuote(TestPlatform.tdReport(Expectation.regularize(digest, 64), new byte[48], TestEventLogs.rtmrs(log), 1L << 28));
        return guest.attestation(TdxEvidence.toJson(quote, Optional.of(log.encode())));
    }

    private static JsonNode tokenClaims(String token) throws Exception {
        return Json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void tdxGuestAttestsAndFetchesAResource() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        assertThat(guest.auth("tdx").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> attested = guest.attest(attestation(guest, guest.nonce, platform));
        assertThat(attested.statusCode()).as(new String(attested.body(), StandardCharsets.UTF_8)).isEqualTo(200);

        String claims = Json.write(tokenClaims(Json.readTree(attested.body()).get("token").asText()));
        // the verified TDX claims reach the token: the TD's measurement, its TCB status and the replayed event log
        assertThat(claims).contains("5a".repeat(48)).contains("\"tcb_status\":\"UpToDate\"").contains("uefi_event_logs")
                .contains("\"septve_disable\":true");

        HttpResponse<byte[]> resource = guest.getResource("default/key/tdx");
        assertThat(resource.statusCode()).as(new String(resource.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(ResourceDecryptor.decrypt(Json.read(resource.body(), JweResponse.class), guest.key)).isEqualTo(SECRET);
    }

    @Test
    void quoteBoundToAnotherNonceIsRefused() throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("tdx");
        HttpResponse<byte[]> response = guest.attest(attestation(guest, Base64.getEncoder().encodeToString(new byte[32]), platform));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(guest.getResource("default/key/tdx").statusCode()).isEqualTo(401);
    }

    @Test
    void quoteFromAnUntrustedHierarchyIsRefused() throws Exception {
        TestDcapPki forged = TestDcapPki.generate();
        TestPlatform forgedPlatform = forged.platform(FMSPC, new int[]{3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("tdx");
        HttpResponse<byte[]> response = guest.attest(attestation(guest, guest.nonce, forgedPlatform));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(guest.getResource("default/key/tdx").statusCode()).isEqualTo(401);
    }
}
