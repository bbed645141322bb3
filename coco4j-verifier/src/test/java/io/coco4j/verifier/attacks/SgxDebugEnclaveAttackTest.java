package io.coco4j.verifier.attacks;

import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.dcap.QuoteSignatureVerifier;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.sgx.SgxClaims;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HexFormat;
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
}
