package io.coco4j.verifier.attacks;

import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.dcap.QuoteSignatureVerifier;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.sgx.SgxClaims;
import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.sgx.SgxEvidence;
import io.coco4j.verifier.sgx.SgxVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enclave built in debug mode (Occlum's sample is one) is signed by a genuine QE: the claims
 * carry its ATTRIBUTES.FLAGS with the DEBUG bit so the policy can refuse it.
 */
class SgxDebugEnclaveAttackTest {

    @Test
    void debugEnclaveIsExposedInTheClaims() throws Exception {
        byte[] raw = Files.readAllBytes(TestVectors.resolve("sgx/trustee/occlum_quote.dat"));
        var verified = new QuoteSignatureVerifier(TrustedRootCa.intel()).verify(raw, Instant.parse("2025-01-01T00:00:00Z"));
        String flags = SgxClaims.of(verified.quote(), Optional.empty()).at("/body/attributes.flags").asText();
        assertThat(HexFormat.of().parseHex(flags)[0] & EnclaveReport.FLAG_DEBUG).isNotZero();
        assertThat(((EnclaveReport) verified.quote().body()).debug()).isTrue();

        byte[] production = Files.readAllBytes(TestVectors.resolve("sgx/dcap-qvl/sgx_quote"));
        EnclaveReport body = (EnclaveReport) DcapQuote.parse(production).body();
        assertThat(body.debug()).isFalse();
        assertThat(HexFormat.of().parseHex(SgxClaims.of(DcapQuote.parse(production), Optional.empty()).at("/body/attributes.flags").asText())[0]
                & EnclaveReport.FLAG_DEBUG).isZero();
    }

    @Test
    void aGeneratedDebugEnclaveVerifiesInFullAndCarriesTheFlag(@TempDir Path collateral) throws Exception {
        Instant now = Instant.now();
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        TestPlatform platform = pki.platform(HexFormat.of().parseHex("00906ed50000"), TdxFixture.COMPONENTS, 11);
        pki.writeSgxCollateral(collateral, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        SgxVerifier verifier = new SgxVerifier(new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(collateral),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.systemUTC()));
        for (long flags : new long[] {EnclaveReport.FLAG_DEBUG | 0x05, 0x05}) {
            JsonNode claims = verifier.evaluate(SgxEvidence.toJson(platform.sgxQuote(TestPlatform.enclaveReport(new byte[64], flags))),
                    Expectation.none()).get(0).claims();
            assertThat(claims.get("tcb_status").asText()).isEqualTo("UpToDate");
            assertThat(HexFormat.of().parseHex(claims.at("/body/attributes.flags").asText())[0] & EnclaveReport.FLAG_DEBUG)
                    .isEqualTo(flags & EnclaveReport.FLAG_DEBUG);
        }
    }
}
