package io.coco4j.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.sample.SampleVerifier;
import io.coco4j.verifier.snp.ArkPins;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.tdx.TdxVerifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a benchmark KBS trusts to accept a {@link GuestTee}'s evidence: the generated vendor root, by
 * fingerprint, and for TDX the collateral signed under it. Used in this JVM ({@code --in-process}), or
 * written to a file for the KBS process the benchmark starts ({@link BenchKbsMain}). No configuration
 * of {@code coco4j serve} reads it: a production KBS trusts only the vendors' roots.
 *
 * @param tee        the TEE's wire name: {@code sample}, {@code snp} or {@code tdx}
 * @param rootSha256 lowercase hex SHA-256 of the generated root certificate (ARK for SNP, root CA for
 *                   TDX); empty for the sample TEE
 * @param collateral the directory of the TDX collateral; empty otherwise
 */
public record BenchTrust(String tee, Optional<String> rootSha256, Optional<Path> collateral) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public BenchTrust {
        Objects.requireNonNull(rootSha256, "rootSha256");
        Objects.requireNonNull(collateral, "collateral");
        switch (tee) {
            case "sample" -> require(rootSha256.isEmpty() && collateral.isEmpty(), "the sample TEE has no root or collateral");
            case "snp" -> require(rootSha256.isPresent() && collateral.isEmpty(), "snp needs the ARK fingerprint and no collateral");
            case "tdx" -> require(rootSha256.isPresent() && collateral.isPresent(), "tdx needs the root fingerprint and its collateral");
            default -> throw new IllegalArgumentException("unknown TEE '" + tee + "'");
        }
        rootSha256.ifPresent(hex -> require(SHA256_HEX.matcher(hex).matches(), "a root fingerprint is 64 lowercase hex digits"));
    }

    static BenchTrust sample() {
        return new BenchTrust("sample", Optional.empty(), Optional.empty());
    }

    /** An SNP guest's chip, whose ARK is the generated one for {@link SnpGuestTee#PRODUCT}. */
    static BenchTrust snp(String arkSha256) {
        return new BenchTrust("snp", Optional.of(arkSha256), Optional.empty());
    }

    static BenchTrust tdx(String rootSha256, Path collateral) {
        return new BenchTrust("tdx", Optional.of(rootSha256), Optional.of(collateral));
    }

    /** A development-mode registry: the sample verifier plus the production verifier of the TEE, pinned to the generated root. */
    public VerifierRegistry verifiers() {
        return switch (tee) {
            case "snp" -> {
                SnpVerifierSettings settings = SnpVerifierSettings.defaults()
                        .withArkPins(ArkPins.of(Map.of(SnpGuestTee.PRODUCT, rootSha256.orElseThrow())));
                yield VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(new SampleVerifier())
                        .add(SnpVerifier.create(settings, Clock.systemUTC())).build();
            }
            case "tdx" -> {
                DcapQuoteVerifier quotes = new DcapQuoteVerifier(TrustedRootCa.pinned(HexFormat.of().parseHex(rootSha256.orElseThrow())),
                        new CollateralDirectory(collateral.orElseThrow()), TcbStatus.referenceAccepted(), Duration.ofMinutes(10),
                        Clock.systemUTC());
                yield VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(new SampleVerifier())
                        .add(new TdxVerifier(quotes)).build();
            }
            default -> VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT);
        };
    }

    public void write(Path file) throws IOException {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("tee", tee);
        rootSha256.ifPresent(hex -> json.put("root_sha256", hex));
        collateral.ifPresent(dir -> json.put("collateral", dir.toAbsolutePath().toString()));
        Files.writeString(file, Json.mapper().writeValueAsString(json));
    }

    /**
     * @throws IOException              when the file cannot be read or is not JSON
     * @throws IllegalArgumentException when it does not describe a trust of the above shape
     */
    public static BenchTrust read(Path file) throws IOException {
        JsonNode json = Json.readTree(Files.readAllBytes(file));
        JsonNode tee = json.get("tee");
        if (tee == null || !tee.isTextual()) {
            throw new IllegalArgumentException(file + ": no \"tee\"");
        }
        return new BenchTrust(tee.textValue(), text(json, "root_sha256"), text(json, "collateral").map(Path::of));
    }

    private static Optional<String> text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
