package io.coco4j.guest.attester.snp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.InitDataMismatchException;
import io.coco4j.guest.attester.tsm.ConfigFsTsm;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpFormatException;
import io.coco4j.protocol.tee.snp.SnpReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code snp} attester: an extended SNP report at VMPL 0 with the report data zero-padded to 64
 * bytes, through configfs-tsm (provider {@code sev_guest}, certificates from {@code auxblob}) or, where
 * configfs-tsm is absent, {@code /dev/sev-guest}. Evidence: {@code {"attestation_report": {…},
 * "cert_chain": [...] | null}} in the reference's serde form. Init-data is bound through HOST_DATA (32 bytes).
 */
public final class SnpAttester implements Attester {

    public static final int REPORT_DATA_LENGTH = 64;
    public static final int HOST_DATA_LENGTH = 32;
    static final String SEV_GUEST_PLATFORM = "sys/devices/platform/sev-guest";
    static final String SEV_GUEST_DEVICE = "dev/sev-guest";

    private final Path root;
    private final ConfigFsTsm tsm;

    public SnpAttester(Path root) {
        this.root = Objects.requireNonNull(root, "root");
        this.tsm = new ConfigFsTsm(root);
    }

    /** Whether this guest is an SNP guest (the kernel's sev-guest platform device exists). */
    public static boolean detect(Path root) {
        return Files.exists(root.resolve(SEV_GUEST_PLATFORM)) || new ConfigFsTsm(root).hasProvider(ConfigFsTsm.PROVIDER_SNP);
    }

    @Override
    public Tee tee() {
        return Tee.SNP;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws EvidenceException {
        if (reportData.length > REPORT_DATA_LENGTH) {
            throw new EvidenceException("SNP report data must be at most " + REPORT_DATA_LENGTH + " bytes, got " + reportData.length);
        }
        byte[] padded = Arrays.copyOf(reportData, REPORT_DATA_LENGTH);
        byte[] raw;
        Optional<byte[]> table;
        if (tsm.available()) {
            ConfigFsTsm.Report report = tsm.generate(ConfigFsTsm.PROVIDER_SNP, padded, true);
            raw = report.outblob();
            table = report.auxblob();
        } else {
            Path device = root.resolve(SEV_GUEST_DEVICE);
            if (!Files.exists(device)) {
                throw new EvidenceException("neither configfs-tsm nor " + device + " is available");
            }
            SevGuestDevice.ExtendedReport report = SevGuestDevice.extendedReport(device, padded, 0);
            raw = report.report();
            table = report.certificateTable();
        }
        SnpReport report;
        try {
            report = SnpReport.parse(raw);
        } catch (SnpFormatException e) {
            throw new EvidenceException("the SNP firmware returned a malformed report: " + e.getMessage(), e);
        }
        Optional<List<SnpCertEntry>> chain = table.isPresent() ? Optional.of(SnpCertTable.parse(table.get())) : Optional.empty();
        return new SnpEvidence(report, chain.filter(list -> !list.isEmpty())).toJson();
    }

    /** Compares HOST_DATA with the digest fitted to 32 bytes (a SHA-384 digest is truncated). */
    @Override
    public InitDataBinding bindInitData(byte[] digest) throws EvidenceException {
        byte[] expected = Arrays.copyOf(digest, HOST_DATA_LENGTH);
        byte[] actual;
        try {
            actual = SnpEvidence.parse(evidence(new byte[0])).report().hostData();
        } catch (SnpFormatException e) {
            throw new EvidenceException("cannot read HOST_DATA: " + e.getMessage(), e);
        }
        if (!Arrays.equals(expected, actual)) {
            throw new InitDataMismatchException("the init-data digest does not match HOST_DATA (guest has "
                    + HexFormat.of().formatHex(actual) + ", init-data gives " + HexFormat.of().formatHex(expected) + ")");
        }
        return InitDataBinding.BOUND;
    }
}
