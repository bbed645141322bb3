package io.coco4j.verifier.sgx;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.InitDataMismatchException;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.dcap.CollateralBundle;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.MalformedQuoteException;
import io.coco4j.verifier.dcap.QuoteSignatureVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TcbUpdateType;
import io.coco4j.verifier.dcap.TrustedRootCa;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SgxVerifierTest {

    private static final Instant QVL_TIME = Instant.ofEpochSecond(1752919277);

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve(path));
    }

    /** The reference's own expectation for the Occlum quote (trustee sgx claims test). */
    private static final String OCCLUM_CLAIMS = """
            {"header":{"version":"0300","att_key_type":"0200","att_key_data_0":"00000000","qe_svn":"0800","pce_svn":"0d00",
              "vendor_id":"939a7233f79c4ca9940a0db3957f0607","user_data":"dccde9b31ce8860548173bb4a2a57a1600000000"},
             "body":{"cpu_svn":"06060c0cffff00000000000000000000","misc_select":"01000000","reserved1":"000000000000000000000000",
              "isv_ext_prod_id":"00000000000000000000000000000000","attributes.flags":"0700000000000000","attributes.xfrm":"e700000000000000",
              "mr_enclave":"8f173e4613ff05c52aaf04162d234edae8c9977eae47eb2299ae16a553011c68",
              "reserved2":"0000000000000000000000000000000000000000000000000000000000000000",
              "mr_signer":"83d719e77deaca1470f6baf62a4d774303c899db69020f9c70ee1dfc08c7ce9e",
              "reserved3":"0000000000000000000000000000000000000000000000000000000000000000",
              "config_id":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
              "isv_prod_id":"0000","isv_svn":"0000","config_svn":"0000",
              "reserved4":"000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
              "isv_family_id":"00000000000000000000000000000000",
              "report_data":"74657374000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
             "report_data":"74657374000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
             "init_data":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
             "platform_instance_id":"7a3a6941065cd5060bd93d3db2cfc0c8"}
            """;

    @Test
    void occlumClaimsEqualTheReference() throws Exception {
        var verified = new QuoteSignatureVerifier(TrustedRootCa.intel()).verify(vector("sgx/trustee/occlum_quote.dat"),
                Instant.parse("2025-01-01T00:00:00Z"));
        JsonNode claims = SgxClaims.of(verified.quote(), Optional.of(verified.pck().extensions()));
        assertThat(Json.readTree(Json.write(claims))).isEqualTo(Json.readTree(OCCLUM_CLAIMS));
    }

    private static SgxVerifier verifier() {
        return new SgxVerifier(new DcapQuoteVerifier(TrustedRootCa.intel(),
                new CollateralBundle(TestVectors.resolve("sgx/dcap-qvl/sgx_quote_collateral.json"), TcbUpdateType.EARLY),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.fixed(QVL_TIME, ZoneOffset.UTC)));
    }

    @Test
    void dcapQvlSampleVerifiesWithStatusAdvisoriesAndBinding() throws Exception {
        JsonNode evidence = SgxEvidence.toJson(vector("sgx/dcap-qvl/sgx_quote"));
        byte[] hello = "Hello, world!".getBytes(StandardCharsets.US_ASCII);
        JsonNode claims = verifier().evaluate(evidence, Expectation.of(hello, new byte[64])).get(0).claims();
        assertThat(claims.get("tcb_status").asText()).isEqualTo("ConfigurationAndSWHardeningNeeded");
        assertThat(claims.get("advisory_ids").toString()).isEqualTo("[\"INTEL-SA-00289\",\"INTEL-SA-00615\"]");
        assertThat(claims.at("/body/mr_enclave").asText()).isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
        assertThat(claims.has("platform_instance_id")).isFalse();
        assertThat(claims.get("sgx_type").asText()).isNotEmpty();
    }

    @Test
    void reportDataAndConfigIdMismatchesAreRefused() throws Exception {
        JsonNode evidence = SgxEvidence.toJson(vector("sgx/dcap-qvl/sgx_quote"));
        assertThatThrownBy(() -> verifier().evaluate(evidence, Expectation.of("Hello".getBytes(StandardCharsets.US_ASCII), null)))
                .isInstanceOf(ReportDataMismatchException.class);
        assertThatThrownBy(() -> verifier().evaluate(evidence, Expectation.of(null, new byte[]{1})))
                .isInstanceOf(InitDataMismatchException.class);
    }

    @Test
    void tdxQuoteInSgxEvidenceIsMalformed() throws Exception {
        JsonNode evidence = SgxEvidence.toJson(vector("tdx/dcap-qvl/tdx_quote"));
        assertThatThrownBy(() -> verifier().evaluate(evidence, Expectation.none())).isInstanceOf(MalformedQuoteException.class);
    }

    @Test
    void occlumEvidenceOfTheAsApiRequestParses() throws Exception {
        // as-api/coco-as-request.json wraps the same Occlum quote as {"quote": …}
        byte[] occlum = vector("sgx/trustee/occlum_quote.dat");
        assertThat(SgxEvidence.parse(SgxEvidence.toJson(occlum)).quote()).isEqualTo(occlum);
        assertThat(DcapQuote.parse(occlum).version()).isEqualTo(3);
    }
}
