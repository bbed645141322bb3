package io.coco4j.guest.attester.tdx;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.InitDataMismatchException;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.guest.attester.tsm.ConfigFsTsm;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.QuoteFormatException;
import io.coco4j.protocol.tee.dcap.TdReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tdx} attester: TD quotes through configfs-tsm (provider {@code tdx_guest}) with the
 * report data zero-padded to 64 bytes into REPORTDATA. Evidence: {@code {"cc_eventlog": …, "quote": …}},
 * the event log being the firmware's CCEL table (with the attestation agent's AAEL records and an
 * end marker appended when there are any), or {@code null} when the firmware publishes none.
 * Init-data is bound through MRCONFIGID (48 bytes); runtime measurements go into RTMRs.
 */
public final class TdxAttester implements Attester {

    public static final int REPORT_DATA_LENGTH = 64;
    public static final int MR_CONFIG_ID_LENGTH = 48;
    static final String CCEL = "sys/firmware/acpi/tables/data/CCEL";
    static final String MEASUREMENTS = "sys/devices/virtual/misc/tdx_guest/measurements";

    private final Path root;
    private final ConfigFsTsm tsm;
    private final Optional<Path> aaEventLog;

    /**
     * @param root       the file system root ({@code /} in a guest)
     * @param aaEventLog the attestation agent's event log, whose records extend the CCEL
     */
    public TdxAttester(Path root, Optional<Path> aaEventLog) {
        this.root = Objects.requireNonNull(root, "root");
        this.tsm = new ConfigFsTsm(root);
        this.aaEventLog = Objects.requireNonNull(aaEventLog, "aaEventLog");
    }

    /** Whether this guest is a TD with configfs-tsm quotes. */
    public static boolean detect(Path root) {
        return new ConfigFsTsm(root).hasProvider(ConfigFsTsm.PROVIDER_TDX);
    }

    @Override
    public Tee tee() {
        return Tee.TDX;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws EvidenceException {
        byte[] quote = quote(reportData);
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        Optional<byte[]> log = ccEventLog();
        if (log.isPresent()) {
            evidence.put("cc_eventlog", Base64.getEncoder().encodeToString(log.get()));
        } else {
            evidence.putNull("cc_eventlog");
        }
        evidence.put("quote", Base64.getEncoder().encodeToString(quote));
        return evidence;
    }

    private byte[] quote(byte[] reportData) throws EvidenceException {
        if (reportData.length > REPORT_DATA_LENGTH) {
            throw new EvidenceException("TDX report data must be at most " + REPORT_DATA_LENGTH + " bytes, got " + reportData.length);
        }
        return tsm.generate(ConfigFsTsm.PROVIDER_TDX, Arrays.copyOf(reportData, REPORT_DATA_LENGTH), false).outblob();
    }

    /** CCEL (its unused tail trimmed) followed by AAEL records and an end marker, or CCEL as is, or none. */
    Optional<byte[]> ccEventLog() throws EvidenceException {
        byte[] ccel;
        try {
            ccel = Files.readAllBytes(root.resolve(CCEL));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EvidenceException("cannot read the CC event log: " + e.getMessage(), e);
        }
        byte[] aael = new byte[0];
        if (aaEventLog.isPresent()) {
            try {
                aael = Files.readAllBytes(aaEventLog.get());
            } catch (NoSuchFileException e) {
                aael = new byte[0];
            } catch (IOException e) {
                throw new EvidenceException("cannot read the attestation agent's event log: " + e.getMessage(), e);
            }
        }
        if (aael.length == 0) {
            return Optional.of(ccel);
        }
        int end = ccel.length;
        while (end > 0 && ccel[end - 1] == (byte) 0xFF) {
            end--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end + aael.length + 8);
        out.write(ccel, 0, end);
        out.writeBytes(aael);
        out.writeBytes(new byte[]{-1, -1, -1, -1, -1, -1, -1, -1});
        return Optional.of(out.toByteArray());
    }

    /** Compares MRCONFIGID with the digest fitted to 48 bytes. */
    @Override
    public InitDataBinding bindInitData(byte[] digest) throws EvidenceException {
        byte[] expected = Arrays.copyOf(digest, MR_CONFIG_ID_LENGTH);
        byte[] actual = mrConfigId();
        if (!Arrays.equals(expected, actual)) {
            throw new InitDataMismatchException("the init-data digest does not match MRCONFIGID (TD has "
                    + HexFormat.of().formatHex(actual) + ", init-data gives " + HexFormat.of().formatHex(expected) + ")");
        }
        return InitDataBinding.BOUND;
    }

    /** MRCONFIGID from the measurement file when the kernel has it, else from a quote. */
    byte[] mrConfigId() throws EvidenceException {
        Path file = root.resolve(MEASUREMENTS).resolve("mrconfigid");
        if (Files.isRegularFile(file)) {
            try {
                return measurementValue(Files.readAllBytes(file), MR_CONFIG_ID_LENGTH, "mrconfigid");
            } catch (IOException e) {
                throw new EvidenceException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            DcapQuote quote = DcapQuote.parse(quote(new byte[0]));
            if (!(quote.body() instanceof TdReport report)) {
                throw new EvidenceException("the TDX quote carries no TD report");
            }
            return report.mrConfigId();
        } catch (QuoteFormatException e) {
            throw new EvidenceException("the TDX quote is malformed: " + e.getMessage(), e);
        }
    }

    /** A sysfs measurement: raw bytes, or hexadecimal text. */
    static byte[] measurementValue(byte[] content, int length, String name) throws EvidenceException {
        if (content.length == length) {
            return content;
        }
        String text = new String(content, java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (text.length() == 2 * length) {
            try {
                return HexFormat.of().parseHex(text);
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        throw new EvidenceException("unexpected content in the " + name + " measurement file");
    }

    @Override
    public Optional<RuntimeMeasurement> runtimeMeasurement() {
        return Optional.of(new Rtmrs());
    }

    /** The TDX PCR to CC-measurement-register mapping: 1,7 → 1; 2–6 → 2; 8–15 → 3; others → 4. RTMR = CCMR − 1. */
    public static int ccMeasurementRegister(long pcr) {
        if (pcr == 1 || pcr == 7) {
            return 1;
        }
        if (pcr >= 2 && pcr <= 6) {
            return 2;
        }
        if (pcr >= 8 && pcr <= 15) {
            return 3;
        }
        return 4;
    }

    private final class Rtmrs implements RuntimeMeasurement {
        @Override
        public HashAlgorithm algorithm() {
            return HashAlgorithm.SHA384;
        }

        @Override
        public int registerFor(long pcrIndex) {
            return ccMeasurementRegister(pcrIndex);
        }

        @Override
        public void extend(long pcrIndex, byte[] digest) throws EvidenceException {
            if (digest.length != 48) {
                throw new EvidenceException("an RTMR extension takes a 48-byte SHA-384 digest, got " + digest.length);
            }
            int rtmr = ccMeasurementRegister(pcrIndex) - 1;
            Path file = root.resolve(MEASUREMENTS).resolve("rtmr" + rtmr + ":sha384");
            if (!Files.exists(file)) {
                throw new EvidenceException("this kernel cannot extend RTMRs (" + file + " does not exist)");
            }
            try {
                Files.write(file, digest);
            } catch (IOException e) {
                throw new EvidenceException("cannot extend RTMR" + rtmr + ": " + e.getMessage(), e);
            }
        }
    }
}
