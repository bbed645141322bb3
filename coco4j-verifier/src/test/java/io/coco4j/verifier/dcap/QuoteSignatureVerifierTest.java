package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.verifier.MalformedEvidenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoteSignatureVerifierTest {

    private final QuoteSignatureVerifier verifier = new QuoteSignatureVerifier(TrustedRootCa.intel());

    @ParameterizedTest
    @CsvSource({
            "tdx/trustee/tdx_quote_4.dat,2025-01-01T00:00:00Z,PLATFORM,50806f000000",
            "tdx/trustee/tdx_quote_5.dat,2025-01-01T00:00:00Z,PLATFORM,90c06f000000",
            "tdx/dcap-qvl/tdx_quote,2025-07-19T10:00:34Z,PLATFORM,b0c06f000000",
            "tdx/go-tdx-guest/quote_v5_sample.dat,2026-02-03T01:00:00Z,PLATFORM,90c06f000000",
            "az-tdx-vtpm/td-quote.bin,2025-01-01T00:00:00Z,PLATFORM,00806f050000",
            "eventlog/go-tdx-guest/cos-113-tdx-quote.dat,2025-01-01T00:00:00Z,PLATFORM,",
            "sgx/trustee/occlum_quote.dat,2025-01-01T00:00:00Z,PLATFORM,00606a000000",
            "sgx/dcap-qvl/sgx_quote,2025-07-19T10:01:17Z,PROCESSOR,00a067110000",
    })
    void everyVectorQuoteVerifiesToTheIntelRoot(String path, String at, PckCaType ca, String fmspc) throws Exception {
        VerifiedQuote verified = verifier.verify(Vectors.bytes(path), Instant.parse(at));
        assertThat(verified.pck().caType()).isEqualTo(ca);
        if (fmspc != null) {
            assertThat(HexFormat.of().formatHex(verified.pck().extensions().fmspc())).isEqualTo(fmspc);
        }
        assertThat(TrustedRootCa.intel().matches(verified.pck().root())).isTrue();
    }

    @Test
    void pckExtensionsOfTdxQuote4() throws Exception {
        PckExtensions pck = verifier.verify(Vectors.bytes("tdx/trustee/tdx_quote_4.dat"), Instant.parse("2025-01-01T00:00:00Z")).pck().extensions();
        assertThat(pck.pceSvn()).isEqualTo(11);
        assertThat(Arrays.copyOf(pck.tcbComponents(), 8)).containsExactly(5, 5, 13, 2, 3, 1, 0, 3);
        assertThat(pck.sgxType()).isEqualTo(1);
        assertThat(pck.pceId()).isEqualTo(new byte[2]);
        assertThat(HexFormat.of().formatHex(pck.platformInstanceId().orElseThrow())).isEqualTo("021ac64d355ba904e2d5948d228d5482");
        assertThat(pck.dynamicPlatform()).contains(true);
        assertThat(pck.cachedKeys()).contains(true);
        assertThat(pck.smtEnabled()).contains(true);
    }

    @Test
    void processorCaPckHasNoPlatformInstance() throws Exception {
        PckExtensions pck = verifier.verify(Vectors.bytes("sgx/dcap-qvl/sgx_quote"), Vectors.SGX_QVL_TIME).pck().extensions();
        assertThat(pck.platformInstanceId()).isEmpty();
        assertThat(pck.dynamicPlatform()).isEmpty();
        assertThat(pck.pceSvn()).isEqualTo(13);
        assertThat(Arrays.copyOf(pck.tcbComponents(), 7)).containsExactly(11, 11, 2, 2, 255, 1, 0);
    }

    private byte[] quote() {
        return Vectors.bytes("tdx/dcap-qvl/tdx_quote");
    }

    @Test
    void flippedHeaderByteBreaksTheQuoteSignature() throws Exception {
        byte[] altered = QuoteMutation.flipHeaderByte(quote(), 30); // user data
        assertThatThrownBy(() -> verifier.verify(altered, Vectors.TDX_QVL_TIME)).isInstanceOf(QuoteSignatureException.class);
    }

    @Test
    void flippedBodyByteBreaksTheQuoteSignature() throws Exception {
        byte[] altered = QuoteMutation.flipBodyByte(quote(), TdReport.LAYOUT.offset(TdReport.Field.MR_TD));
        assertThatThrownBy(() -> verifier.verify(altered, Vectors.TDX_QVL_TIME)).isInstanceOf(QuoteSignatureException.class);
    }

    @Test
    void flippedQuoteSignatureIsRefused() throws Exception {
        byte[] altered = QuoteMutation.flipQuoteSignature(quote());
        assertThatThrownBy(() -> verifier.verify(altered, Vectors.TDX_QVL_TIME)).isInstanceOf(QuoteSignatureException.class);
    }

    @Test
    void flippedQeReportByteBreaksTheQeReportSignature() throws Exception {
        byte[] altered = QuoteMutation.flipQeReport(quote(), 100);
        assertThatThrownBy(() -> verifier.verify(altered, Vectors.TDX_QVL_TIME)).isInstanceOf(QeReportSignatureException.class);
    }

    @Test
    void alteredAttestationKeyOrAuthDataBreaksTheQeBinding() throws Exception {
        assertThatThrownBy(() -> verifier.verify(QuoteMutation.flipAttestationKey(quote()), Vectors.TDX_QVL_TIME))
                .isInstanceOf(QeReportBindingException.class);
        assertThatThrownBy(() -> verifier.verify(QuoteMutation.flipQeAuthData(quote()), Vectors.TDX_QVL_TIME))
                .isInstanceOf(QeReportBindingException.class);
    }

    @Test
    void flippedPckOrCaCertificateSignatureBreaksTheChain() throws Exception {
        assertThatThrownBy(() -> verifier.verify(QuoteMutation.flipCertificateSignature(quote(), 0), Vectors.TDX_QVL_TIME))
                .isInstanceOf(PckChainException.class).hasMessageContaining("Intel SGX PCK Certificate");
        assertThatThrownBy(() -> verifier.verify(QuoteMutation.flipCertificateSignature(quote(), 1), Vectors.TDX_QVL_TIME))
                .isInstanceOf(PckChainException.class).hasMessageContaining("Intel SGX PCK Platform CA");
    }

    @Test
    void flippedRootCertificateIsNotThePinnedRoot() throws Exception {
        assertThatThrownBy(() -> verifier.verify(QuoteMutation.flipCertificateSignature(quote(), 2), Vectors.TDX_QVL_TIME))
                .isInstanceOf(UntrustedRootException.class);
    }

    @Test
    void anotherPinnedRootRefusesIntelQuotes() {
        QuoteSignatureVerifier other = new QuoteSignatureVerifier(TrustedRootCa.pinned(new byte[32]));
        assertThatThrownBy(() -> other.verify(quote(), Vectors.TDX_QVL_TIME)).isInstanceOf(UntrustedRootException.class);
    }

    @Test
    void pckChainMustBeValidAtTheValidationTime() {
        // the PCK certificate of this quote was issued on 2025-02-06
        assertThatThrownBy(() -> verifier.verify(quote(), Instant.parse("2025-01-01T00:00:00Z")))
                .isInstanceOf(PckChainException.class).hasMessageContaining("not valid at 2025-01-01T00:00:00Z");
    }

    @Test
    void truncatedQuoteIsItsOwnError() {
        byte[] raw = quote();
        assertThatThrownBy(() -> verifier.verify(Arrays.copyOf(raw, 1000), Vectors.TDX_QVL_TIME))
                .isInstanceOf(TruncatedQuoteException.class).isInstanceOf(MalformedEvidenceException.class);
        byte[] version = raw.clone();
        version[0] = 9;
        assertThatThrownBy(() -> verifier.verify(version, Vectors.TDX_QVL_TIME)).isInstanceOf(MalformedQuoteException.class);
    }
}
