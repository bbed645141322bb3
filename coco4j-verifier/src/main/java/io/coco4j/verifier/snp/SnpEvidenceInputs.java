package io.coco4j.verifier.snp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpFormatException;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.protocol.tee.snp.SnpReportLayout;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Turns the raw inputs of vendor tools and test suites into the CoCo {@code snp} evidence JSON: an
 * AMD report (1184 bytes, or the same as hex text) and optionally the VEK as DER or PEM, possibly
 * followed by its ASK/ASVK and ARK. The certificates become the evidence's certificate table and
 * are, like any table, trusted only after the chain check.
 */
public final class SnpEvidenceInputs {

    private SnpEvidenceInputs() {
    }

    /** Parses a report given as the binary layout or as hex text. */
    public static SnpReport readReport(byte[] reportFile) throws SnpReportFormatException {
        byte[] raw = reportFile;
        if (reportFile.length != SnpReportLayout.REPORT_LENGTH) {
            String text = new String(reportFile, StandardCharsets.US_ASCII).strip();
            if (text.length() == 2 * SnpReportLayout.REPORT_LENGTH && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                raw = HexFormat.of().parseHex(text);
            }
        }
        try {
            return SnpReport.parse(raw);
        } catch (SnpFormatException e) {
            throw new SnpReportFormatException(e.getMessage(), e);
        }
    }

    /** The certificate table for a VEK file: each certificate typed by its common name. */
    public static List<SnpCertEntry> certTable(byte[] vekFile) throws SnpReportFormatException {
        List<X509Certificate> certs;
        try {
            certs = SnpCertificates.readAll(vekFile);
        } catch (CertificateException e) {
            throw new SnpReportFormatException("VEK file holds no DER or PEM certificate", e);
        }
        List<SnpCertEntry> table = new ArrayList<>();
        for (X509Certificate cert : certs) {
            try {
                table.add(new SnpCertEntry(typeOf(cert), cert.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new SnpReportFormatException("certificate cannot be encoded", e);
            }
        }
        return table;
    }

    private static SnpCertType typeOf(X509Certificate cert) {
        String cn = SnpCertificates.commonName(cert);
        if (cn.startsWith("ARK-")) {
            return SnpCertType.ARK;
        }
        if (cn.equals("SEV-VLEK") || cn.equals("VLEK")) {
            return SnpCertType.VLEK;
        }
        if (cn.startsWith("SEV-VLEK-")) {
            return SnpCertType.ASVK;
        }
        if (cn.equals("SEV-VCEK") || cn.equals("VCEK")) {
            return SnpCertType.VCEK;
        }
        return cn.startsWith("SEV-") ? SnpCertType.ASK : SnpCertType.OTHER;
    }

    /**
     * The evidence JSON a guest would send for this report; without a VEK file the certificate
     * table is {@code null} and the verifier takes the VEK from its collateral.
     */
    public static ObjectNode evidence(byte[] reportFile, Optional<byte[]> vekFile) throws SnpReportFormatException {
        SnpReport report = readReport(reportFile);
        Optional<List<SnpCertEntry>> table = vekFile.isPresent() ? Optional.of(certTable(vekFile.get())) : Optional.empty();
        return new SnpEvidence(report, table).toJson();
    }
}
