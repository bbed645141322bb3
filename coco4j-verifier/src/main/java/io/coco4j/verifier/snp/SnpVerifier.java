package io.coco4j.verifier.snp;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpFormatException;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.protocol.tee.snp.SnpReportLayout;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.InitDataMismatchException;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;

/**
 * The {@code snp} verifier: the report and its chain (see {@link SnpReportVerifier}), then
 * {@code report_data == regularize(runtime-data digest, 64)} and {@code host_data ==
 * regularize(init-data digest, 32)}, then the reference's claims.
 */
public final class SnpVerifier implements Verifier {

    private final SnpReportVerifier reports;

    public SnpVerifier(SnpReportVerifier reports) {
        this.reports = reports;
    }

    /** The verifier the KBS builds from its configuration. */
    public static SnpVerifier create(SnpVerifierSettings settings, Clock clock) {
        return new SnpVerifier(new SnpReportVerifier(settings, clock));
    }

    @Override
    public Tee tee() {
        return Tee.SNP;
    }

    public SnpReportVerifier reports() {
        return reports;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
        SnpEvidence parsed;
        try {
            parsed = SnpEvidence.parse(evidence);
        } catch (SnpFormatException e) {
            throw new SnpReportFormatException("snp evidence: " + e.getMessage(), e);
        }
        SnpReport report = parsed.report();
        reports.verify(report, parsed.certChain().orElse(List.of()));
        checkBindings(report, expectation);
        return List.of(new VerifiedClaims(SnpClaims.of(report), TeeClass.CPU));
    }

    /** report_data and host_data against the session's expectation (each only when given). */
    static void checkBindings(SnpReport report, Expectation expectation) throws ReportDataMismatchException, InitDataMismatchException {
        if (expectation.reportData().isPresent()) {
            byte[] expected = Expectation.regularize(expectation.reportData().get(), SnpReportLayout.REPORT_DATA_LENGTH);
            if (!MessageDigest.isEqual(expected, report.reportData())) {
                throw new ReportDataMismatchException("snp report_data does not match the expected runtime-data digest");
            }
        }
        if (expectation.initDataDigest().isPresent()) {
            byte[] expected = Expectation.regularize(expectation.initDataDigest().get(), SnpReportLayout.HOST_DATA_LENGTH);
            if (!MessageDigest.isEqual(expected, report.hostData())) {
                throw new InitDataMismatchException("snp host_data does not match the init-data digest");
            }
        }
    }
}
