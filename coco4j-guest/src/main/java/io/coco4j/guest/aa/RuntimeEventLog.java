package io.coco4j.guest.aa;

import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.protocol.rcar.HashAlgorithm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The attestation agent's runtime event log (AAEL): each event {@code "<domain> <operation> <content>"}
 * is appended as a TCG2 {@code EV_EVENT_TAG} record and the same digest is extended into the TEE's
 * measurement register, in that order, so a verifier can replay the register from the log. Record
 * layout (little-endian): register, {@code 6}, digest count {@code 1}, algorithm id, digest, event
 * size, then the tagged event {@code "AAEL" ‖ u32 length ‖ text}; the digest covers the whole tagged event.
 */
public final class RuntimeEventLog {

    public static final Path DEFAULT_PATH = Path.of("/run/attestation-agent/eventlog");
    /** Environment variable that moves the log, as in the reference. */
    public static final String PATH_ENV = "AAEL_PATH";

    static final int EV_EVENT_TAG = 0x6;
    static final int AAEL_TAG = 0x4141454C;

    private final Path file;
    private final RuntimeMeasurement registers;

    public RuntimeEventLog(Path file, RuntimeMeasurement registers) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.registers = Objects.requireNonNull(registers, "registers");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    public Path file() {
        return file;
    }

    /** Checks an event's parts: the content must fit on one line. */
    public static String eventText(String domain, String operation, String content) {
        if (content.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the event content contains a newline");
        }
        if (domain.isEmpty() || operation.isEmpty() || domain.indexOf(' ') >= 0 || operation.indexOf(' ') >= 0
                || domain.indexOf('\n') >= 0 || operation.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the event domain and operation must be non-empty words");
        }
        return domain + " " + operation + " " + content;
    }

    /** Appends the event and extends the register behind {@code pcrIndex}. */
    public synchronized void record(String domain, String operation, String content, long pcrIndex) throws IOException, EvidenceException {
        String text = eventText(domain, operation, content);
        int register = registers.registerFor(pcrIndex);
        HashAlgorithm algorithm = registers.algorithm();
        byte[] tagged = taggedEvent(text);
        byte[] digest = algorithm.digest(tagged);
        byte[] entry = entry(register, algorithm, digest, tagged);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(entry);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        registers.extend(pcrIndex, digest);
    }

    /** {@code "AAEL" ‖ u32 length ‖ text}, little-endian. */
    static byte[] taggedEvent(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(AAEL_TAG).putInt(data.length).put(data).array();
    }

    static byte[] entry(int register, HashAlgorithm algorithm, byte[] digest, byte[] tagged) {
        return ByteBuffer.allocate(4 + 4 + 4 + 2 + digest.length + 4 + tagged.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(register).putInt(EV_EVENT_TAG).putInt(1).putShort((short) tcgAlgorithmId(algorithm))
                .put(digest).putInt(tagged.length).put(tagged).array();
    }

    static int tcgAlgorithmId(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> 0x000B;
            case SHA384 -> 0x000C;
            case SHA512 -> 0x000D;
            case SM3 -> 0x0012;
        };
    }
}
