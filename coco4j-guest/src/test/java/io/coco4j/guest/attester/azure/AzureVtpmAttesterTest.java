package io.coco4j.guest.attester.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.coco4j.guest.testing.Swtpm;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.tpm.TpmQuote;
import io.coco4j.verifier.tpm.TpmQuoteCheck;
import io.coco4j.verifier.tpm.TpmsAttest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Azure vTPM attesters against swtpm provisioned like an Azure CVM's vTPM: the AK at 0x81000003,
 * an HCL report (from the vectors) in NV 0x01400001, the report-data index 0x01400002, and a local
 * stand-in for the instance metadata service. swtpm's NV indexes hold at most 2048 bytes, so the
 * 2600-byte vector reports are stored cut to that size (header, hardware report and report type
 * intact); without Azure's paravisor the report does not carry the guest's report data, so only the
 * parts the guest produces are checked: the quote, the report request and the metadata calls.
 */
class AzureVtpmAttesterTest {

    private static final int SWTPM_MAX_NV = 2048;

    @TempDir
    Path dir;

    private Swtpm swtpm;
    private HttpServer imds;
    private final AtomicReference<String> tdQuoteRequest = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start(dir);
        swtpm.tpm2("tpm2_createprimary", "-C", "e", "-G", "rsa2048:rsassa-sha256:null",
                "-a", "fixedtpm|fixedparent|sensitivedataorigin|userwithauth|restricted|sign", "-c", "ak.ctx");
        swtpm.tpm2("tpm2_evictcontrol", "-C", "o", "-c", "ak.ctx", "0x81000003");
        swtpm.tpm2("tpm2_readpublic", "-c", "0x81000003", "-f", "der", "-o", "ak.der");
        swtpm.tpm2("tpm2_nvdefine", "-C", "o", "-s", "64", "-a", "ownerread|ownerwrite|authread|authwrite", "0x01400002");
    }

    private void provisionHclReport(String vector) throws Exception {
        byte[] report = Arrays.copyOf(Files.readAllBytes(TestVectors.resolve(vector)), SWTPM_MAX_NV);
        Path file = dir.resolve("swtpm-state/hcl.bin");
        Files.write(file, report);
        swtpm.tpm2("tpm2_nvdefine", "-C", "o", "-s", String.valueOf(SWTPM_MAX_NV), "-a", "ownerread|ownerwrite|authread|authwrite", "0x01400001");
        swtpm.tpm2("tpm2_nvwrite", "-C", "o", "-i", "hcl.bin", "0x01400001");
    }

    private URI startImds() throws Exception {
        String vcek = Files.readString(TestVectors.resolve("az-snp-vtpm/vcek.pem"));
        String firstCertificate = vcek.substring(0, vcek.indexOf("-----END CERTIFICATE-----") + 25);
        imds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        imds.createContext("/metadata/THIM/amd/certification", exchange -> {
            boolean header = "true".equals(exchange.getRequestHeaders().getFirst("Metadata"));
            byte[] body = Json.writeBytes(Json.mapper().createObjectNode().put("vcekCert", firstCertificate).put("certificateChain", ""));
            exchange.sendResponseHeaders(header ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        imds.createContext("/acc/tdquote", exchange -> {
            tdQuoteRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"quote\":\"cXVvdGU\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        imds.start();
        return URI.create("http://127.0.0.1:" + imds.getAddress().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (imds != null) {
            imds.stop(0);
        }
        if (swtpm != null) {
            swtpm.close();
        }
    }

    private PublicKey ak() throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("swtpm-state/ak.der"))));
    }

    private void checkQuote(JsonNode evidence, byte[] reportData) throws Exception {
        TpmQuote quote = TpmQuote.fromJson(evidence.get("tpm_quote"), TpmQuote.Encoding.HEX);
        assertThat(quote.pcrs()).hasSize(24);
        TpmsAttest attest = TpmQuoteCheck.verifySignature(quote, ak());
        TpmQuoteCheck.checkNonce(attest, reportData);
        TpmQuoteCheck.checkPcrDigest(attest, quote.pcrs());
        byte[] request = Files.readAllBytes(dir.resolve("swtpm-state/nv.bin"));
        assertThat(request).isEqualTo(Arrays.copyOf(reportData, 64));
    }

    @Test
    void snpEvidenceV2() throws Exception {
        provisionHclReport("az-snp-vtpm/hcl-report.bin");
        URI base = startImds();
        assertThat(AzureVtpm.reportType(swtpm.connector())).contains(AzureVtpm.REPORT_TYPE_SNP);
        byte[] reportData = new byte[48];
        Arrays.fill(reportData, (byte) 0x61);

        JsonNode evidence = new AzSnpVtpmAttester(swtpm.connector(), new AzureImds(base)).evidence(reportData);

        assertThat(evidence.get("version").asInt()).isEqualTo(2);
        byte[] hcl = Base64.getUrlDecoder().decode(evidence.get("hcl_report").asText());
        assertThat(hcl).isEqualTo(Arrays.copyOf(Files.readAllBytes(TestVectors.resolve("az-snp-vtpm/hcl-report.bin")), SWTPM_MAX_NV));
        byte[] vcek = Base64.getUrlDecoder().decode(evidence.get("vcek").asText());
        assertThat(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(vcek))).isNotNull();
        swtpm.tpm2("tpm2_nvread", "-C", "o", "-s", "64", "-o", "nv.bin", "0x01400002");
        checkQuote(evidence, reportData);

        assertThatThrownBy(() -> new AzTdxVtpmAttester(swtpm.connector(), new AzureImds(base)).evidence(reportData))
                .hasMessageContaining("not a TDX report");
    }

    @Test
    void tdxEvidenceV2AsksTheMetadataServiceForTheTdQuote() throws Exception {
        provisionHclReport("az-tdx-vtpm/hcl-report.bin");
        URI base = startImds();
        assertThat(AzureVtpm.reportType(swtpm.connector())).contains(AzureVtpm.REPORT_TYPE_TDX);
        byte[] reportData = new byte[32];
        Arrays.fill(reportData, (byte) 0x62);

        JsonNode evidence = new AzTdxVtpmAttester(swtpm.connector(), new AzureImds(base)).evidence(reportData);

        assertThat(evidence.get("version").asInt()).isEqualTo(2);
        assertThat(new String(Base64.getUrlDecoder().decode(evidence.get("td_quote").asText()), StandardCharsets.US_ASCII)).isEqualTo("quote");
        byte[] tdReport = Arrays.copyOfRange(Files.readAllBytes(TestVectors.resolve("az-tdx-vtpm/hcl-report.bin")), 0x20, 0x20 + 1024);
        assertThat(Json.readTree(tdQuoteRequest.get()).get("report").asText())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(tdReport));
        swtpm.tpm2("tpm2_nvread", "-C", "o", "-s", "64", "-o", "nv.bin", "0x01400002");
        checkQuote(evidence, reportData);
    }

    @Test
    void aTpmWithoutAnHclReportIsNotAzure() throws Exception {
        assertThat(AzureVtpm.reportType(swtpm.connector())).isEmpty();
    }

    @Test
    void anUnreachableMetadataServiceIsReported() throws Exception {
        provisionHclReport("az-snp-vtpm/hcl-report.bin");
        assertThatThrownBy(() -> new AzSnpVtpmAttester(swtpm.connector(), new AzureImds(URI.create("http://127.0.0.1:1"))).evidence(new byte[8]))
                .hasMessageContaining("instance metadata service");
    }
}
