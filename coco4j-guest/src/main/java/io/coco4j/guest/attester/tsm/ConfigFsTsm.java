package io.coco4j.guest.attester.tsm;

import io.coco4j.guest.attester.EvidenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The Linux configfs-tsm report interface ({@code /sys/kernel/config/tsm/report/}): create a report
 * directory, check its {@code provider}, write {@code inblob}, read {@code outblob} (and
 * {@code auxblob}), check {@code generation}, remove the directory. {@code generation} counts writes
 * to the directory's attributes; a value other than one write after ours means another process wrote
 * {@code inblob} in between, so the report may bind its data instead of ours, and the request is
 * retried in a new directory.
 */
public final class ConfigFsTsm {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFsTsm.class);

    /** Relative to the file system root. */
    public static final String REPORT_DIRECTORY = "sys/kernel/config/tsm/report";
    public static final String PROVIDER_TDX = "tdx_guest";
    public static final String PROVIDER_SNP = "sev_guest";
    /** Attempts before a persistent generation race is reported. */
    public static final int MAX_ATTEMPTS = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path reports;

    /** The interface below {@code root} (normally {@code /}). */
    public ConfigFsTsm(Path root) {
        this.reports = Objects.requireNonNull(root, "root").resolve(REPORT_DIRECTORY);
    }

    public Path reportDirectory() {
        return reports;
    }

    /** Whether configfs-tsm reports exist on this system. */
    public boolean available() {
        return Files.isDirectory(reports);
    }

    /**
     * Whether the report directory's provider is {@code provider}: probes by creating (and removing)
     * one report directory, as the provider is only visible inside one.
     */
    public boolean hasProvider(String provider) {
        if (!available()) {
            return false;
        }
        Path entry = reports.resolve(entryName());
        try {
            Files.createDirectory(entry);
        } catch (IOException e) {
            return false;
        }
        try {
            return provider.equals(readText(entry.resolve("provider")));
        } catch (IOException e) {
            return false;
        } finally {
            remove(entry);
        }
    }

    /** One report: the {@code outblob}, and the {@code auxblob} when asked for and present. */
    public record Report(byte[] outblob, Optional<byte[]> auxblob) {
    }

    /**
     * A report binding {@code inblob} from {@code provider}.
     *
     * @throws EvidenceException when configfs-tsm is missing, the provider is another TEE's, or the
     *                           generation race persists over {@link #MAX_ATTEMPTS} attempts
     */
    public Report generate(String provider, byte[] inblob, boolean withAuxblob) throws EvidenceException {
        if (!available()) {
            throw new EvidenceException("configfs-tsm is not available (" + reports + " does not exist)");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Report> report = attempt(provider, inblob, withAuxblob);
            if (report.isPresent()) {
                return report.get();
            }
            LOG.info("configfs-tsm report raced with another writer (attempt {}/{}); retrying", attempt, MAX_ATTEMPTS);
        }
        throw new EvidenceException("configfs-tsm: another process kept writing the report request; gave up after "
                + MAX_ATTEMPTS + " attempts");
    }

    /** One attempt; empty when the generation shows a concurrent write. */
    private Optional<Report> attempt(String provider, byte[] inblob, boolean withAuxblob) throws EvidenceException {
        Path entry = createEntry();
        try {
            String actual;
            try {
                actual = readText(entry.resolve("provider"));
            } catch (NoSuchFileException e) {
                throw new EvidenceException("configfs-tsm has no provider (no TEE driver is loaded)");
            }
            if (actual.isEmpty()) {
                throw new EvidenceException("configfs-tsm has no provider (no TEE driver is loaded)");
            }
            if (!actual.equals(provider)) {
                throw new EvidenceException("configfs-tsm provider is '" + actual + "', not '" + provider + "'");
            }
            long before = generation(entry);
            Files.write(entry.resolve("inblob"), inblob);
            byte[] outblob = Files.readAllBytes(entry.resolve("outblob"));
            Optional<byte[]> auxblob = Optional.empty();
            if (withAuxblob) {
                try {
                    byte[] aux = Files.readAllBytes(entry.resolve("auxblob"));
                    auxblob = aux.length == 0 ? Optional.empty() : Optional.of(aux);
                } catch (NoSuchFileException e) {
                    auxblob = Optional.empty();
                }
            }
            long after = generation(entry);
            if (after != before + 1) {
                return Optional.empty();
            }
            if (outblob.length == 0) {
                throw new EvidenceException("configfs-tsm returned an empty report");
            }
            return Optional.of(new Report(outblob, auxblob));
        } catch (IOException e) {
            throw new EvidenceException("configfs-tsm report failed: " + describe(e), e);
        } finally {
            remove(entry);
        }
    }

    private Path createEntry() throws EvidenceException {
        for (int i = 0; i < 8; i++) {
            Path entry = reports.resolve(entryName());
            try {
                Files.createDirectory(entry);
                return entry;
            } catch (FileAlreadyExistsException e) {
                // a name clash with another request: pick another name
            } catch (IOException e) {
                throw new EvidenceException("cannot create a configfs-tsm report in " + reports + ": " + describe(e), e);
            }
        }
        throw new EvidenceException("cannot find a free configfs-tsm report name in " + reports);
    }

    private static String entryName() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "coco4j-" + HexFormat.of().formatHex(random);
    }

    private static long generation(Path entry) throws IOException, EvidenceException {
        String text = readText(entry.resolve("generation"));
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new EvidenceException("configfs-tsm generation is not a number: '" + text + "'");
        }
    }

    private static String readText(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
    }

    private static void remove(Path entry) {
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            LOG.warn("cannot remove configfs-tsm report {}: {}", entry, describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
