package io.coco4j.protocol.tee.dcap;

import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DcapQuoteTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve(path));
    }

    @ParameterizedTest
    @CsvSource({
            "tdx/trustee/tdx_quote_4.dat,4,2,0",
            "tdx/trustee/tdx_quote_5.dat,5,3,0",
            "tdx/dcap-qvl/tdx_quote,4,2,70",
            "tdx/go-tdx-guest/quote_v5_sample.dat,5,3,-1",
            "az-tdx-vtpm/td-quote.bin,4,2,70",
            "eventlog/go-tdx-guest/cos-113-tdx-quote.dat,4,2,3065",
            "sgx/trustee/occlum_quote.dat,3,1,-1",
            "sgx/dcap-qvl/sgx_quote,3,1,-1",
    })
    void parsesEveryVectorAndReencodesItExactly(String path, int version, int bodyType, int trailing) throws Exception {
        byte[] raw = vector(path);
        DcapQuote quote = DcapQuote.parse(raw);
        assertThat(quote.version()).isEqualTo(version);
        assertThat(quote.body().bodyType()).isEqualTo(bodyType);
        assertThat(quote.header().qeVendorId()).isEqualTo(HEX.parseHex("939a7233f79c4ca9940a0db3957f0607"));
        byte[] encoded = quote.encode();
        if (trailing >= 0) {
            assertThat(raw.length - encoded.length).isEqualTo(trailing);
        }
        assertThat(encoded).isEqualTo(Arrays.copyOf(raw, encoded.length));
        for (int i = encoded.length; i < raw.length; i++) {
            assertThat(raw[i]).as("trailing byte %d", i).isZero();
        }
        QeReportCertificationData qe = quote.signatureData().qeCertification();
        assertThat(qe.qeAuthData()).hasSize(32);
        assertThat(qe.certificationData().type()).isEqualTo(CertificationData.PCK_CERTIFICATE_CHAIN);
        String pem = new String(qe.certificationData().data(), StandardCharsets.US_ASCII);
        assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(4);
    }

    @Test
    void tdxQuote4Fields() throws Exception {
        DcapQuote quote = DcapQuote.parse(vector("tdx/trustee/tdx_quote_4.dat"));
        TdReport td = (TdReport) quote.body();
        assertThat(quote.teeType()).isEqualTo(TeeType.TDX);
        assertThat(td.tdx15()).isFalse();
        assertThat(HEX.formatHex(td.teeTcbSvn())).isEqualTo("03000500000000000000000000000000");
        assertThat(HEX.formatHex(td.field(TdReport.Field.MR_TD))).isEqualTo(
                "705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b689cac1599ccea1b7d420483a9ce5f031");
        assertThat(HEX.formatHex(td.reportData())).isEqualTo(
                "7c71fe2c86eff65a7cf8dbc22b3275689fd0464a267baced1bf94fc1324656aeb755da3d44d098c0c87382f3a5f85b45c8a28fee1d3bdb38342bf96671501429");
        assertThat(td.debug()).isTrue();
        assertThat(td.tdAttributes() & TdReport.ATTRIBUTE_SEPT_VE_DISABLE).isNotZero();
        assertThat(HEX.formatHex(td.field(TdReport.Field.XFAM))).isEqualTo("e742060000000000");
        assertThat(td.rtmr(2)).containsOnly((byte) 0);
    }

    @Test
    void tdx15BodyOfQuote5() throws Exception {
        TdReport td = (TdReport) DcapQuote.parse(vector("tdx/trustee/tdx_quote_5.dat")).body();
        assertThat(td.tdx15()).isTrue();
        assertThat(HEX.formatHex(td.field(TdReport.Field.TEE_TCB_SVN_2))).isEqualTo("05010200000000000000000000000000");
        assertThat(HEX.formatHex(td.field(TdReport.Field.MR_TD))).isEqualTo(
                "dfba221b48a22af8511542ee796603f37382800840dcd978703909bf8e64d4c8a1e9de86e7c9638bfcba422f3886400a");
        assertThat(td.debug()).isFalse();
    }

    @Test
    void sgxOcclumQuoteFields() throws Exception {
        DcapQuote quote = DcapQuote.parse(vector("sgx/trustee/occlum_quote.dat"));
        EnclaveReport body = (EnclaveReport) quote.body();
        assertThat(quote.header().qeSvn()).isEqualTo(8);
        assertThat(quote.header().pceSvn()).isEqualTo(13);
        assertThat(HEX.formatHex(body.mrEnclave())).isEqualTo("8f173e4613ff05c52aaf04162d234edae8c9977eae47eb2299ae16a553011c68");
        assertThat(HEX.formatHex(body.mrSigner())).isEqualTo("83d719e77deaca1470f6baf62a4d774303c899db69020f9c70ee1dfc08c7ce9e");
        assertThat(body.debug()).isTrue();
        assertThat(HEX.formatHex(body.attributes())).isEqualTo("0700000000000000e700000000000000");
        assertThat(new String(body.reportData(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("test");
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() throws Exception {
        byte[] raw = vector("tdx/dcap-qvl/tdx_quote");
        int length = DcapQuote.parse(raw).encode().length;
        for (int cut = 0; cut < length; cut++) {
            byte[] prefix = Arrays.copyOf(raw, cut);
            assertThatThrownBy(() -> DcapQuote.parse(prefix)).as("prefix of %d bytes", cut)
                    .isInstanceOf(QuoteTruncatedException.class);
        }
    }

    @Test
    void refusesUnknownVersionKeyTypeAndBodyType() throws Exception {
        byte[] raw = vector("tdx/trustee/tdx_quote_5.dat");
        byte[] version = raw.clone();
        version[0] = 6;
        assertThatThrownBy(() -> DcapQuote.parse(version)).isInstanceOf(QuoteFormatException.class)
                .isNotInstanceOf(QuoteTruncatedException.class).hasMessageContaining("version 6");
        byte[] keyType = raw.clone();
        keyType[2] = 3;
        assertThatThrownBy(() -> DcapQuote.parse(keyType)).hasMessageContaining("attestation key type 3");
        byte[] bodyType = raw.clone();
        bodyType[48] = 9;
        assertThatThrownBy(() -> DcapQuote.parse(bodyType)).hasMessageContaining("body type 9");
        byte[] bodySize = raw.clone();
        bodySize[50] = 1;
        assertThatThrownBy(() -> DcapQuote.parse(bodySize)).hasMessageContaining("is 648 bytes");
    }

    @Test
    void assembledQuoteRoundTrips() throws Exception {
        QuoteHeader header = QuoteHeader.create(5, TeeType.TDX, new byte[4], new byte[16], new byte[20]);
        TdReport body = TdReport.create(true, Map.of(TdReport.Field.REPORT_DATA, filled(64, 7),
                TdReport.Field.MR_SERVICE_TD, filled(48, 9)));
        EnclaveReport qe = EnclaveReport.create(Map.of(EnclaveReport.Field.ISV_SVN, new byte[]{4, 0}));
        QuoteSignatureData signature = new QuoteSignatureData(filled(64, 1), filled(64, 2),
                new QeReportCertificationData(qe, filled(64, 3), filled(32, 4), CertificationData.pckCertificateChain("pem")));
        byte[] encoded = DcapQuote.create(header, body, signature).encode();
        DcapQuote parsed = DcapQuote.parse(encoded);
        assertThat(parsed.body()).isEqualTo(body);
        assertThat(parsed.signedBytes()).isEqualTo(DcapQuote.signedBytes(header, body));
        assertThat(parsed.signatureData().qeCertification().qeReport().isvSvn()).isEqualTo(4);
        assertThat(parsed.encode()).isEqualTo(encoded);
        // SGX v3 lays the QE report out inline
        QuoteHeader v3 = QuoteHeader.create(3, TeeType.SGX, new byte[4], new byte[16], new byte[20]);
        byte[] sgx = DcapQuote.create(v3, qe, signature).encode();
        assertThat(DcapQuote.parse(sgx).encode()).isEqualTo(sgx);
        assertThat(sgx.length).isEqualTo(encoded.length - 6 - TdReport.TDX15_SIZE + 384 - 6);
    }

    private static byte[] filled(int size, int value) {
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
