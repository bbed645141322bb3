package io.coco4j.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.cli.Main;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code coco4j verify} on the shared hardware vectors, at each vector's validation time. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        JsonNode claims() throws Exception {
            return Json.readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void tdxQuoteWithItsCollateralBundleIsUpToDate() throws Exception {
        Path v = TestVectors.resolve("tdx/dcap-qvl");
        Run run = run("verify", "--tee", "tdx", "--quote", v.resolve("tdx_quote").toString(),
                "--collateral", v.resolve("tdx_quote_collateral.json").toString(), "--at", "2025-07-19T10:00:34Z");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.claims().get("tcb_status").asText()).isEqualTo("UpToDate");
        assertThat(run.claims().get("advisory_ids")).isEmpty();
        assertThat(run.claims().at("/quote/body/mr_td").asText()).startsWith("91eb2b44d141d4ec");
        assertThat(run.err()).contains("report-data binding is not checked");
    }

    @Test
    void sgxQuoteReportsItsStatusAndAdvisories() throws Exception {
        Path v = TestVectors.resolve("sgx/dcap-qvl");
        Run run = run("verify", "--tee", "sgx", "--quote", v.resolve("sgx_quote").toString(),
                "--collateral", v.resolve("sgx_quote_collateral.json").toString(), "--at", "2025-07-19T10:01:17Z");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.claims().get("tcb_status").asText()).isEqualTo("ConfigurationAndSWHardeningNeeded");
        assertThat(run.claims().get("advisory_ids").toString()).isEqualTo("[\"INTEL-SA-00289\",\"INTEL-SA-00615\"]");
    }

    @Test
    void expiredCollateralAndWrongReportDataFail() throws Exception {
        Path v = TestVectors.resolve("tdx/dcap-qvl");
        Run now = run("verify", "--tee", "tdx", "--quote", v.resolve("tdx_quote").toString(),
                "--collateral", v.resolve("tdx_quote_collateral.json").toString());
        assertThat(now.exitCode()).isEqualTo(1);
        assertThat(now.err()).contains("verification failed: CollateralExpiredException");
        Run wrong = run("verify", "--tee", "tdx", "--quote", v.resolve("tdx_quote").toString(),
                "--collateral", v.resolve("tdx_quote_collateral.json").toString(), "--at", "2025-07-19T10:00:34Z",
                "--report-data", "00".repeat(48));
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("ReportData");
    }

    @Test
    void snpReportWithItsVcekAndTheAmdChainFromACollateralDirectory() throws Exception {
        Path chain = dir.resolve("collateral/vcek/v1/Milan/cert_chain");
        Files.createDirectories(chain.getParent());
        Files.copy(TestVectors.resolve("snp/amd-roots/milan_ask_ark_asvk.pem"), chain);
        Path v = TestVectors.resolve("snp/trustee");
        Run run = run("verify", "--tee", "snp", "--report", v.resolve("test-report.bin").toString(),
                "--vek", v.resolve("test-vcek.der").toString(), "--collateral", dir.resolve("collateral").toString(),
                "--report-data", "ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e71ed08c14400ad7e2", "--at", "2026-01-01T00:00:00Z");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.claims().get("measurement").asText()).startsWith("a1f3930413247bb38cfc171579ea3c12");
        assertThat(run.claims().get("reported_tcb_microcode").asInt()).isEqualTo(115);

        Run withoutChain = run("verify", "--tee", "snp", "--report", v.resolve("test-report.bin").toString(),
                "--vek", v.resolve("test-vcek.der").toString());
        assertThat(withoutChain.exitCode()).isEqualTo(1);
        assertThat(withoutChain.err()).contains("SnpCollateralUnavailableException");
    }

    @Test
    void misusedInputsAreUsageErrors() throws Exception {
        Path v = TestVectors.resolve("tdx/dcap-qvl");
        assertThat(run("verify", "--tee", "snp", "--quote", v.resolve("tdx_quote").toString()).exitCode()).isEqualTo(2);
        assertThat(run("verify", "--tee", "tdx").exitCode()).isEqualTo(2);
    }
}
