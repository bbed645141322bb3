package io.coco4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON a {@code coco4j bench rcar} run writes, reduced to what the report needs: a JSON object
 * with {@code handshakes_per_second} (or {@code handshakesPerSecond}), and optionally {@code tee}
 * (default {@code sample}) and {@code concurrency}: how many cores the run could keep busy at most
 * (its clients, or the CPUs its server was pinned to).
 */
public final class RcarResultFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RcarResultFile() {
    }

    /** A rate read from a file. */
    public record MeasuredHandshakes(String tee, double handshakesPerSecond, int concurrency, String source)
            implements HandshakeThroughput {
    }

    /**
     * @throws RcarResultException when the file cannot be read, is not JSON, or lacks a usable rate or TEE
     */
    public static HandshakeThroughput read(Path file) throws RcarResultException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RcarResultException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new RcarResultException(file + " is not JSON: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static HandshakeThroughput parse(JsonNode root, String source) throws RcarResultException {
        if (root == null || !root.isObject()) {
            throw new RcarResultException(source + " does not hold a JSON object");
        }
        JsonNode rate = member(root, "handshakes_per_second", "handshakesPerSecond")
                .orElseThrow(() -> new RcarResultException(source + " has no handshakes_per_second"));
        if (!rate.isNumber() || !(rate.doubleValue() > 0) || Double.isInfinite(rate.doubleValue())) {
            throw new RcarResultException(source + ": handshakes_per_second must be a positive number, got " + rate);
        }
        String tee = "sample";
        JsonNode teeNode = root.get("tee");
        if (teeNode != null) {
            if (!teeNode.isTextual()) {
                throw new RcarResultException(source + ": tee must be a string, got " + teeNode);
            }
            tee = teeNode.textValue();
        }
        if (HandshakeFloor.forTee(tee).isEmpty()) {
            throw new RcarResultException(source + ": no floor for TEE '" + tee + "' (sample, snp or tdx)");
        }
        int concurrency = 0;
        JsonNode clients = root.get("concurrency");
        if (clients != null) {
            if (!clients.canConvertToInt() || !clients.isIntegralNumber() || clients.intValue() <= 0) {
                throw new RcarResultException(source + ": concurrency must be a positive integer, got " + clients);
            }
            concurrency = clients.intValue();
        }
        return new MeasuredHandshakes(tee, rate.doubleValue(), concurrency, source);
    }

    private static Optional<JsonNode> member(JsonNode root, String... names) {
        for (String name : names) {
            JsonNode value = root.get(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
