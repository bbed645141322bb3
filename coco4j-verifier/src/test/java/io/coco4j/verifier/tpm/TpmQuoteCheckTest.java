package io.coco4j.verifier.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.azure.HclReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

class TpmQuoteCheckTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.US_ASCII);

    private static JsonNode json(String path) throws Exception {
        return Json.readTree(Files.readAllBytes(TestVectors.resolve(path)));
    }

    private static PublicKey azureAk() throws Exception {
        return HclReport.parse(Files.readAllBytes(TestVectors.resolve("az-snp-vtpm/hcl-report.bin"))).parsedVarData().attestationKey();
    }

    @Test
    void azureQuoteVerifies() throws Exception {
        TpmQuote quote = TpmQuote.fromJson(json("az-snp-vtpm/tpm-quote-v1.json"), TpmQuote.Encoding.HEX);
        TpmsAttest attest = TpmQuoteCheck.verifySignature(quote, azureAk());
        assertThat(attest.extraData()).isEqualTo(CHALLENGE);
        TpmQuoteCheck.checkNonce(attest, CHALLENGE);
        TpmQuoteCheck.checkPcrDigest(attest, quote.pcrs());
        assertThat(attest.pcrSelections()).singleElement().satisfies(s -> {
            assertThat(s.hashAlgorithm()).isEqualTo(TpmAlgorithm.SHA256);
            assertThat(s.pcrs()).hasSize(24);
        });
        var claims = TpmQuoteCheck.pcrClaims(quote.pcrs());
        assertThat(claims.size()).isEqualTo(24);
        assertThat(claims.get("pcr00").asText()).startsWith("f3a7e99a").endsWith("4799be");
        assertThat(claims.get("pcr08").asText()).isEqualTo("0".repeat(64));
    }

    @Test
    void flippedSignatureBitFails() throws Exception {
        JsonNode q = json("az-snp-vtpm/tpm-quote-v1.json");
        byte[] sig = HEX.parseHex(q.get("signature").asText());
        sig[0] ^= 1;
        TpmQuote quote = TpmQuote.fromJson(q, TpmQuote.Encoding.HEX);
        TpmQuote tampered = new TpmQuote(sig, quote.message(), quote.pcrs());
        assertThatThrownBy(() -> TpmQuoteCheck.verifySignature(tampered, azureAk())).isInstanceOf(TpmQuoteSignatureException.class);
    }

    @Test
    void reversedNonceFails() throws Exception {
        TpmQuote quote = TpmQuote.fromJson(json("az-snp-vtpm/tpm-quote-v1.json"), TpmQuote.Encoding.HEX);
        TpmsAttest attest = TpmQuoteCheck.verifySignature(quote, azureAk());
        byte[] reversed = new StringBuilder("challenge").reverse().toString().getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TpmQuoteCheck.checkNonce(attest, reversed)).isInstanceOf(TpmNonceMismatchException.class);
    }

    @Test
    void alteredPcrFailsTheDigest() throws Exception {
        TpmQuote quote = TpmQuote.fromJson(json("az-snp-vtpm/tpm-quote-v1.json"), TpmQuote.Encoding.HEX);
        TpmsAttest attest = TpmQuoteCheck.verifySignature(quote, azureAk());
        List<byte[]> pcrs = new ArrayList<>(quote.pcrs());
        pcrs.get(0)[0] ^= 1;
        assertThatThrownBy(() -> TpmQuoteCheck.checkPcrDigest(attest, pcrs)).isInstanceOf(PcrDigestMismatchException.class);
    }

    @Test
    void initDataThroughPcr8() throws Exception {
        List<byte[]> pcrs = new ArrayList<>(TpmQuote.fromJson(json("az-snp-vtpm/tpm-quote-v1.json"), TpmQuote.Encoding.HEX).pcrs());
        byte[] digest = HEX.parseHex("8505e4e25e50a27c5dc8147af88efbece627fbea55291911eff832d9ee127781");
        assertThatThrownBy(() -> TpmQuoteCheck.checkInitData(pcrs, digest)).isInstanceOf(Pcr8InitDataMismatchException.class);
        pcrs.set(8, HEX.parseHex("bddaccb9c52249e97a31baea61b7d91be8221a16e703d92148d04fb8e9c1dfdd"));
        TpmQuoteCheck.checkInitData(pcrs, digest);
        assertThatThrownBy(() -> TpmQuoteCheck.checkInitData(pcrs, new byte[48])).isInstanceOf(Pcr8InitDataMismatchException.class);
    }

    @Test
    void tpmTeeEvidenceWithMarshalledSignature() throws Exception {
        JsonNode evidence = json("tpm/tpm_evidence.json");
        PublicKey ak = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(evidence.get("ak_public").asText())));
        TpmQuote quote = TpmQuote.fromJson(evidence.get("tpm_quote"), TpmQuote.Encoding.BASE64_WITH_HEX_PCRS);
        TpmtSignature sig = TpmtSignature.parse(quote.signature());
        assertThat(sig.signatureAlgorithm()).isEqualTo(TpmAlgorithm.RSASSA);
        assertThat(sig.hashAlgorithm()).isEqualTo(TpmAlgorithm.SHA256);
        assertThat(sig.signature()).hasSize(256);
        TpmsAttest attest = TpmQuoteCheck.verifySignature(quote, ak);
        TpmQuoteCheck.checkPcrDigest(attest, quote.pcrs());
        assertThat(HEX.formatHex(attest.extraData())).isEqualTo(
                "a04182b506878d4f29b91ee606a71a0d3361ccf1b22db20c98adcaa537bea393ef0e41a18b3569ab678f1497fbc5c120" + "0".repeat(32));
    }

    @Test
    void oldAzureQuoteFilesParse() throws Exception {
        TpmsAttest attest = TpmsAttest.parse(Files.readAllBytes(TestVectors.resolve("az-snp-vtpm/tpm-quote.msg")));
        assertThat(attest.extraData()).isEqualTo(CHALLENGE);
        assertThat(attest.pcrSelections().get(0).pcrs()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 14);
        // Its signature belongs to an unknown AK: it must not verify with the HCL report's.
        TpmQuote quote = new TpmQuote(Files.readAllBytes(TestVectors.resolve("az-snp-vtpm/tpm-quote.sig")),
                Files.readAllBytes(TestVectors.resolve("az-snp-vtpm/tpm-quote.msg")), List.of());
        assertThatThrownBy(() -> TpmQuoteCheck.verifySignature(quote, azureAk())).isInstanceOf(TpmQuoteSignatureException.class);
    }

    @Test
    void malformedStructuresAreRefused() throws Exception {
        byte[] msg = HEX.parseHex(json("az-snp-vtpm/tpm-quote-v1.json").get("message").asText());
        assertThatThrownBy(() -> TpmsAttest.parse(java.util.Arrays.copyOf(msg, msg.length - 1))).isInstanceOf(TpmFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> TpmsAttest.parse(java.util.Arrays.copyOf(msg, msg.length + 1))).isInstanceOf(TpmFormatException.class).hasMessageContaining("trailing");
        byte[] badMagic = msg.clone();
        badMagic[0] = 0;
        assertThatThrownBy(() -> TpmsAttest.parse(badMagic)).isInstanceOf(TpmFormatException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> TpmQuote.fromJson(Json.readTree("{\"signature\":\"zz\",\"message\":\"00\",\"pcrs\":[]}"), TpmQuote.Encoding.HEX))
                .isInstanceOf(TpmFormatException.class);
    }
}
