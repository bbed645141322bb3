package io.coco4j.cli.collateral;

import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.dcap.PcsCollateralFetcher;
import io.coco4j.verifier.dcap.TcbUpdateType;
import io.coco4j.verifier.snp.KdsClient;
import io.coco4j.verifier.snp.KdsCollateralFetcher;
import io.coco4j.verifier.snp.SnpEvidenceInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code coco4j collateral}: fill a collateral directory from the vendors' services ahead of time,
 * so verification never waits on them (for offline sites: copy the directory over).
 */
@Command(name = "collateral", mixinStandardHelpOptions = true,
        description = "Fetch vendor collateral (AMD KDS, Intel PCS/PCCS) into a directory the verifiers read offline.",
        subcommands = {CollateralCommand.FetchSnp.class, CollateralCommand.FetchIntel.class})
public final class CollateralCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "fetch-snp", mixinStandardHelpOptions = true,
            description = {"Fetch AMD certificate chains and CRLs per product, and the VCEK of each given report's chip and TCB.",
                    "Layout: docs/collateral-snp.md. The key server's rate limit is honoured with backoff."})
    public static final class FetchSnp implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Collateral directory to fill")
        Path out;

        @Option(names = "--product", paramLabel = "NAME", description = "Milan, Genoa or Turin (default: all, or the reports' products)")
        List<String> products = new ArrayList<>();

        @Option(names = "--report", paramLabel = "FILE", description = "A binary SNP report whose chip's VCEK to fetch (repeatable)")
        List<Path> reports = new ArrayList<>();

        @Option(names = "--evidence", paramLabel = "FILE", description = "snp evidence JSON whose chip's VCEK to fetch (repeatable)")
        List<Path> evidence = new ArrayList<>();

        @Option(names = "--kds-url", paramLabel = "URL", description = "Key server base URL (default: AMD's)")
        URI kdsUrl = KdsClient.AMD_KDS;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                Set<SnpProduct> wanted = EnumSet.noneOf(SnpProduct.class);
                for (String name : products) {
                    wanted.add(SnpProduct.fromName(name).orElseThrow(() -> new IllegalArgumentException("unknown product " + name)));
                }
                Optional<SnpProduct> fallback = wanted.size() == 1 ? Optional.of(wanted.iterator().next()) : Optional.empty();
                List<KdsCollateralFetcher.VcekRequest> vceks = new ArrayList<>();
                for (Path file : reports) {
                    vceks.add(KdsCollateralFetcher.VcekRequest.of(SnpEvidenceInputs.readReport(Files.readAllBytes(file)), fallback));
                }
                for (Path file : evidence) {
                    SnpReport report = SnpEvidence.parse(Json.readTree(Files.readAllBytes(file))).report();
                    vceks.add(KdsCollateralFetcher.VcekRequest.of(report, fallback));
                }
                vceks.forEach(v -> wanted.add(v.product()));
                if (wanted.isEmpty()) {
                    wanted.addAll(EnumSet.allOf(SnpProduct.class));
                }
                List<Path> written = new KdsCollateralFetcher(new KdsClient(kdsUrl)).fetch(out, wanted, vceks);
                PrintWriter stdout = spec.commandLine().getOut();
                written.forEach(p -> stdout.println(out.resolve(p)));
                stdout.flush();
                return 0;
            } catch (Exception e) {
                err.println("coco4j collateral fetch-snp: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }

    @Command(name = "fetch-intel", mixinStandardHelpOptions = true,
            description = {"Fetch the TCB info, QE identity, CRLs and issuer chains a DCAP quote needs from Intel PCS or a PCCS.",
                    "Layout: docs/collateral-intel.md."})
    public static final class FetchIntel implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Collateral directory to fill")
        Path out;

        @Option(names = "--quote", required = true, paramLabel = "FILE", description = "A binary TDX or SGX quote (repeatable)")
        List<Path> quotes = new ArrayList<>();

        @Option(names = "--pcs-url", paramLabel = "URL", description = "PCS or PCCS base URL (default: Intel PCS)")
        URI pcsUrl;

        @Option(names = "--update", paramLabel = "TYPE", description = "TCB update type: early or standard (default: early)")
        String update = "early";

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                TcbUpdateType type = TcbUpdateType.ofWireName(update)
                        .orElseThrow(() -> new IllegalArgumentException("--update must be early or standard"));
                PcsCollateralFetcher fetcher = pcsUrl == null ? PcsCollateralFetcher.intelPcs(type)
                        : new PcsCollateralFetcher(pcsUrl, type, HttpClient.newHttpClient(), Duration.ofSeconds(30));
                PrintWriter stdout = spec.commandLine().getOut();
                for (Path quote : quotes) {
                    PcsCollateralFetcher.FetchResult result = fetcher.fetchForQuote(Files.readAllBytes(quote), out);
                    stdout.println(result.tee() + " FMSPC " + result.fmspc() + " (" + result.ca() + "): " + result.files().size() + " files");
                    result.files().forEach(p -> stdout.println("  " + out.resolve(p)));
                }
                stdout.flush();
                return 0;
            } catch (VerificationException e) {
                err.println("coco4j collateral fetch-intel: the quote cannot be read: " + e.getMessage());
                err.flush();
                return 1;
            } catch (Exception e) {
                err.println("coco4j collateral fetch-intel: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }
}
