package io.coco4j.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.canonical.Jcs;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;
import io.coco4j.verifier.azure.AzSnpVtpmVerifier;
import io.coco4j.verifier.azure.AzTdxVtpmVerifier;
import io.coco4j.verifier.dcap.DcapSettings;
import io.coco4j.verifier.sgx.SgxEvidence;
import io.coco4j.verifier.sgx.SgxVerifier;
import io.coco4j.verifier.snp.SnpEvidenceInputs;
import io.coco4j.verifier.snp.SnpReportFormatException;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.tdx.TdxEvidence;
import io.coco4j.verifier.tdx.TdxVerifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j verify}: one piece of TEE evidence through the same verifier the Attestation Service runs. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify TEE evidence offline and print its claims (exit 0), or the reason it fails (exit 1).",
                "Certificates and collateral come from the evidence and --collateral; nothing is fetched."})
public final class VerifyCommand implements Callable<Integer> {

    /** TEEs this command verifies. */
    enum TeeName {
        snp, az_snp_vtpm, tdx, sgx, az_tdx_vtpm;

        static TeeName parse(String text) {
            return valueOf(text.replace('-', '_'));
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--tee", required = true, paramLabel = "TEE", converter = TeeConverter.class,
            description = "snp, az-snp-vtpm, tdx, sgx or az-tdx-vtpm")
    TeeName tee;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--evidence", paramLabel = "FILE", description = "The evidence JSON a CoCo guest sends")
        Path evidence;

        @Option(names = "--report", paramLabel = "FILE", description = "snp: AMD's binary attestation report (or hex)")
        Path report;

        @Option(names = "--quote", paramLabel = "FILE", description = "tdx/sgx: the binary DCAP quote")
        Path quote;
    }

    @Option(names = "--vek", paramLabel = "FILE", description = "snp --report: the VCEK or VLEK (DER or PEM, ASK/ARK may follow)")
    Path vek;

    @Option(names = "--eventlog", paramLabel = "FILE", description = "tdx --quote: the raw CC event log (CCEL)")
    Path eventlog;

    @ArgGroup(exclusive = true)
    Binding binding;

    static final class Binding {
        @Option(names = "--report-data", paramLabel = "HEX", description = "Expected report data (the runtime-data digest)")
        String reportData;

        @Option(names = "--runtime-data", paramLabel = "FILE", description = "Runtime data JSON, hashed with JCS + SHA-384 as the KBS does")
        Path runtimeData;
    }

    @Option(names = "--init-data-digest", paramLabel = "HEX", description = "Expected init-data digest (HOST_DATA, MRCONFIGID, ...)")
    String initDataDigest;

    @Option(names = "--collateral", paramLabel = "DIR", description = "Collateral directory or bundle (docs/collateral-*.md)")
    Path collateral;

    @Option(names = "--at", paramLabel = "RFC3339", description = "Validation time (default: now), e.g. 2025-07-19T10:00:34Z")
    String at;

    public static final class TeeConverter implements picocli.CommandLine.ITypeConverter<TeeName> {
        @Override
        public TeeName convert(String value) {
            return TeeName.parse(value);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
            JsonNode evidence = evidence();
            Expectation expectation = expectation(err);
            List<VerifiedClaims> verified = verifier(clock).evaluate(evidence, expectation);
            if (verified.size() == 1) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(verified.get(0).claims()));
            } else {
                ArrayNode all = Json.mapper().createArrayNode();
                verified.forEach(v -> all.addObject().put("class", v.teeClass().label()).set("claims", v.claims()));
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
            }
            out.flush();
            return 0;
        } catch (VerificationException e) {
            err.println("verification failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            err.println("coco4j verify: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private JsonNode evidence() throws IOException, SnpReportFormatException {
        if (input.evidence != null) {
            return Json.readTree(Files.readAllBytes(input.evidence));
        }
        if (input.report != null) {
            require(tee == TeeName.snp, "--report is for --tee snp");
            return SnpEvidenceInputs.evidence(Files.readAllBytes(input.report),
                    vek == null ? Optional.empty() : Optional.of(Files.readAllBytes(vek)));
        }
        byte[] quote = Files.readAllBytes(input.quote);
        if (tee == TeeName.tdx) {
            return TdxEvidence.toJson(quote, eventlog == null ? Optional.empty() : Optional.of(Files.readAllBytes(eventlog)));
        }
        require(tee == TeeName.sgx, "--quote is for --tee tdx or sgx");
        require(eventlog == null, "--eventlog is for --tee tdx");
        return SgxEvidence.toJson(quote);
    }

    private Expectation expectation(PrintWriter err) throws IOException {
        byte[] reportData = null;
        if (binding != null && binding.reportData != null) {
            reportData = HexFormat.of().parseHex(binding.reportData.trim());
        } else if (binding != null && binding.runtimeData != null) {
            JsonNode runtime = Json.readTree(Files.readAllBytes(binding.runtimeData));
            if (!(runtime instanceof ObjectNode)) {
                throw new IllegalArgumentException("--runtime-data must hold a JSON object");
            }
            reportData = HashAlgorithm.SHA384.digest(Jcs.canonicalize(runtime));
        } else {
            err.println("note: no --report-data or --runtime-data: the report-data binding is not checked");
        }
        byte[] initData = initDataDigest == null ? null : HexFormat.of().parseHex(initDataDigest.trim());
        return Expectation.of(reportData, initData);
    }

    private Verifier verifier(Clock clock) {
        return switch (tee) {
            case snp -> SnpVerifier.create(snpSettings(), clock);
            case az_snp_vtpm -> AzSnpVtpmVerifier.create(snpSettings(), clock);
            case tdx -> TdxVerifier.create(dcapSettings(), clock);
            case sgx -> SgxVerifier.create(dcapSettings(), clock);
            case az_tdx_vtpm -> AzTdxVtpmVerifier.create(dcapSettings(), clock);
        };
    }

    private SnpVerifierSettings snpSettings() {
        SnpVerifierSettings settings = SnpVerifierSettings.defaults().withoutKdsFallback();
        return collateral == null ? settings : settings.withCollateralDirectory(collateral);
    }

    private DcapSettings dcapSettings() {
        DcapSettings settings = DcapSettings.defaults();
        return collateral == null ? settings : settings.withCollateralPath(collateral);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
