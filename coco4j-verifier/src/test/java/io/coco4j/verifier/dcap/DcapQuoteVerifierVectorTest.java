package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Full DCAP verification of the vectors that come with offline collateral, at their stated validation times. */
class DcapQuoteVerifierVectorTest {

    static final String TDX_QUOTE = "tdx/dcap-qvl/tdx_quote";
    static final String TDX_COLLATERAL = "tdx/dcap-qvl/tdx_quote_collateral.json";
    static final String SGX_QUOTE = "sgx/dcap-qvl/sgx_quote";
    static final String SGX_COLLATERAL = "sgx/dcap-qvl/sgx_quote_collateral.json";

    @TempDir
    Path temp;

    static DcapQuoteVerifier verifier(CollateralSource source, Instant at, Set<TcbStatus> accepted) {
        return new DcapQuoteVerifier(TrustedRootCa.intel(), source, accepted, Duration.ofMinutes(10), Vectors.at(at));
    }

    static DcapQuoteVerifier bundleVerifier(String bundle, Instant at) {
        return verifier(new CollateralBundle(TestVectors.resolve(bundle), TcbUpdateType.EARLY), at, TcbStatus.referenceAccepted());
    }

    @Test
    void tdxSampleIsUpToDateWithoutAdvisories() throws Exception {
        DcapVerification result = bundleVerifier(TDX_COLLATERAL, Vectors.TDX_QVL_TIME).verify(Vectors.bytes(TDX_QUOTE));
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.advisoryIds()).isEmpty();
        assertThat(result.tcb().tdxModuleLevel()).map(EnclaveTcbLevel::status).contains(TcbStatus.UP_TO_DATE);
        assertThat(result.tcb().qeLevel().status()).isEqualTo(TcbStatus.UP_TO_DATE);
        ObjectNode claims = result.supplementalClaims();
        assertThat(claims.get("tcb_status").asText()).isEqualTo("UpToDate");
        assertThat(claims.get("advisory_ids")).isEmpty();
        assertThat(claims.get("collateral_expiration_status").asText()).isEqualTo("0");
        assertThat(claims.get("tcb_date").asText()).isEqualTo("2024-03-13T00:00:00Z");
        assertThat(claims.get("earliest_issue_date").asText()).isEqualTo("2018-05-21T10:45:10Z");
        assertThat(claims.get("earliest_expiration_date").asText()).isEqualTo("2025-07-19T10:00:35Z");
        assertThat(claims.get("tcb_eval_num").asLong()).isEqualTo(17);
        assertThat(claims.get("root_key_id").asText()).isEqualTo(
                "46e403bd34f05a3f2817ab9badcaacc7ffc98e0f261008cd30dae936cace18d5dcf58eef31463613de1570d516200993");
        assertThat(claims.get("sgx_type").asText()).isNotEmpty();
    }

    @Test
    void sgxSampleNeedsConfigurationAndSoftwareHardening() throws Exception {
        DcapVerification result = bundleVerifier(SGX_COLLATERAL, Vectors.SGX_QVL_TIME).verify(Vectors.bytes(SGX_QUOTE));
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(result.advisoryIds()).containsExactly("INTEL-SA-00289", "INTEL-SA-00615");
        assertThat(result.supplementalClaims().get("advisory_ids").toString()).isEqualTo("[\"INTEL-SA-00289\",\"INTEL-SA-00615\"]");
        assertThat(result.supplementalClaims().has("platform_instance_id")).isFalse();
    }

    @Test
    void tcbStatusBelowPolicyIsRefused() {
        DcapQuoteVerifier strict = verifier(new CollateralBundle(TestVectors.resolve(SGX_COLLATERAL), TcbUpdateType.EARLY),
                Vectors.SGX_QVL_TIME, EnumSet.of(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED));
        assertThatThrownBy(() -> strict.verify(Vectors.bytes(SGX_QUOTE))).isInstanceOf(TcbStatusRejectedException.class)
                .hasMessageContaining("ConfigurationAndSWHardeningNeeded").hasMessageContaining("INTEL-SA-00289");
    }

    @Test
    void collateralExpiredOneSecondAfterTheEarliestNextUpdate() {
        assertThatThrownBy(() -> bundleVerifier(TDX_COLLATERAL, Vectors.TDX_QVL_TIME.plusSeconds(2)).verify(Vectors.bytes(TDX_QUOTE)))
                .isInstanceOf(CollateralExpiredException.class).hasMessageContaining("not at 2025-07-19T10:00:36Z");
    }

    @Test
    void collateralNotYetIssuedIsRefusedToo() {
        assertThatThrownBy(() -> bundleVerifier(TDX_COLLATERAL, Instant.parse("2025-06-01T00:00:00Z")).verify(Vectors.bytes(TDX_QUOTE)))
                .isInstanceOf(CollateralExpiredException.class);
    }

    @Test
    void fmspcMismatchIsRefused() {
        // tdx_quote_4 (FMSPC 50806f000000) against the collateral of FMSPC B0C06F000000
        assertThatThrownBy(() -> bundleVerifier(TDX_COLLATERAL, Vectors.TDX_QVL_TIME).verify(Vectors.bytes("tdx/trustee/tdx_quote_4.dat")))
                .isInstanceOf(FmspcMismatchException.class).hasMessageContaining("B0C06F000000").hasMessageContaining("50806F000000");
    }

    @Test
    void trusteeTcbInfoAndQeIdentityDoNotFitTdxQuote4() throws Exception {
        // tcbInfo.json / enclaveIdentity.json as PCS responses in a collateral directory, CRLs from the dcap-qvl bundle
        Path dir = temp.resolve("collateral");
        JsonNode bundle = Json.readTree(Vectors.bytes(TDX_COLLATERAL));
        String chain = bundle.get("tcb_info_issuer_chain").asText();
        write(dir.resolve("tdx/tcb/50806F000000.json"), Vectors.bytes("tdx/trustee/tcbInfo.json"));
        write(dir.resolve("tdx/tcb/50806F000000.issuer-chain.pem"), chain.getBytes());
        write(dir.resolve("tdx/qe-identity.json"), Vectors.bytes("tdx/trustee/enclaveIdentity.json"));
        write(dir.resolve("tdx/qe-identity.issuer-chain.pem"), chain.getBytes());
        write(dir.resolve("pckcrl/platform.crl"), bundle.get("pck_crl").asText().getBytes());
        write(dir.resolve("rootcacrl.crl"), bundle.get("root_ca_crl").asText().getBytes());
        DcapQuoteVerifier verifier = verifier(new CollateralDirectory(dir), Instant.parse("2025-11-01T00:00:00Z"), TcbStatus.referenceAccepted());
        assertThatThrownBy(() -> verifier.verify(Vectors.bytes("tdx/trustee/tdx_quote_4.dat")))
                .isInstanceOf(FmspcMismatchException.class).hasMessageContaining("00A06D080000");
    }

    @Test
    void trusteeTcbInfoAndQeIdentitySignaturesVerifyWithTheTcbSigningKey() throws Exception {
        String chain = Json.readTree(Vectors.bytes(TDX_COLLATERAL)).get("tcb_info_issuer_chain").asText();
        var signing = Certificates.parsePem(chain).get(0).getPublicKey();
        SignedJson tcb = SignedJson.fromResponse(Vectors.bytes("tdx/trustee/tcbInfo.json"), "tcbInfo", chain);
        SignedJson qe = SignedJson.fromResponse(Vectors.bytes("tdx/trustee/enclaveIdentity.json"), "enclaveIdentity", chain);
        assertThat(Ecdsa.verifyRaw(signing, tcb.body(), tcb.signature())).isTrue();
        assertThat(Ecdsa.verifyRaw(signing, qe.body(), qe.signature())).isTrue();
        TcbInfo info = CollateralJson.tcbInfo(tcb.body());
        assertThat(info.id()).isEqualTo("TDX");
        assertThat(info.version()).isEqualTo(3);
        assertThat(info.fmspc()).containsExactly(0x00, 0xA0, 0x6D, 0x08, 0x00, 0x00);
        assertThat(info.tcbEvaluationDataNumber()).isEqualTo(17);
        assertThat(info.tdxModule().orElseThrow().attributesMask()).containsOnly((byte) 0xFF);
        EnclaveIdentity identity = CollateralJson.enclaveIdentity(qe.body());
        assertThat(identity.id()).isEqualTo("TD_QE");
        assertThat(identity.isvProdId()).isEqualTo(2);
        assertThat(identity.miscSelectMask()).isEqualTo(0xFFFFFFFFL);
        assertThat(identity.tcbLevels()).singleElement().satisfies(level -> {
            assertThat(level.isvSvn()).isEqualTo(4);
            assertThat(level.status()).isEqualTo(TcbStatus.UP_TO_DATE);
        });
    }

    @Test
    void goTdxGuestV5SampleIsUpToDateUnderItsTcbInfo() throws Exception {
        String chain = Vectors.text("tdx/go-tdx-guest/tcb_info_issuer_chain.pem");
        SignedJson tcb = SignedJson.fromResponse(Vectors.bytes("tdx/go-tdx-guest/sample_tcbinfo_response_v5"), "tcbInfo", chain);
        SignedJson qe = SignedJson.fromResponse(Vectors.bytes("tdx/go-tdx-guest/sample_qeIdentity_response"), "enclaveIdentity", chain);
        var signing = Certificates.parsePem(chain).get(0).getPublicKey();
        assertThat(Ecdsa.verifyRaw(signing, tcb.body(), tcb.signature())).isTrue();
        assertThat(Ecdsa.verifyRaw(signing, qe.body(), qe.signature())).isTrue();
        VerifiedQuote quote = new QuoteSignatureVerifier(TrustedRootCa.intel()).verify(Vectors.bytes("tdx/go-tdx-guest/quote_v5_sample.dat"),
                Vectors.GO_TDX_TIME);
        TcbEvaluation tcbResult = TcbEvaluator.evaluate(quote.quote(), quote.pck().extensions(), CollateralJson.tcbInfo(tcb.body()),
                CollateralJson.enclaveIdentity(qe.body()));
        assertThat(tcbResult.platformLevel().status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(tcbResult.platformLevel().tcbDate()).isEqualTo(Instant.parse("2024-11-13T00:00:00Z"));
        assertThat(tcbResult.tdxModuleLevel()).map(EnclaveTcbLevel::status).contains(TcbStatus.UP_TO_DATE);
        assertThat(tcbResult.status()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void pckCrlAndRootCrlOfGoTdxGuestVerify() throws Exception {
        var pckChain = Certificates.parsePem(Vectors.text("tdx/go-tdx-guest/pck_crl_issuer_chain.pem"));
        var pckCrl = Certificates.parseCrl(Vectors.bytes("tdx/go-tdx-guest/pckcrl"));
        assertThat(Certificates.signedBy(pckCrl, pckChain.get(0))).isTrue();
        assertThat(pckCrl.getRevokedCertificates()).hasSize(44);
        var rootCrl = Certificates.parseCrl(Vectors.bytes("tdx/go-tdx-guest/rootcrl.der"));
        assertThat(Certificates.signedBy(rootCrl, pckChain.get(1))).isTrue();
        assertThat(rootCrl.getRevokedCertificates()).isNull();
    }

    private static void write(Path file, byte[] content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
