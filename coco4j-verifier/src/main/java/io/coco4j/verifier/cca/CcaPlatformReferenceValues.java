package io.coco4j.verifier.cca;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The platform part of the reference's CCA reference-value store: per implementation id, the
 * firmware components that may run ({@code component-type}, {@code measurement-value},
 * {@code signer-id}). Realm values are appraised by the attestation policy from the RVPS.
 */
public final class CcaPlatformReferenceValues {

    private final Set<String> accepted;

    private CcaPlatformReferenceValues(Set<String> accepted) {
        this.accepted = Set.copyOf(accepted);
    }

    public static CcaPlatformReferenceValues load(Path store) throws IOException {
        JsonNode root = Json.readTree(Files.readAllBytes(store));
        JsonNode platforms = root == null ? null : root.get("platform");
        if (platforms == null || !platforms.isArray()) {
            throw new IOException("the CCA reference-value store " + store + " has no platform array");
        }
        Set<String> accepted = new HashSet<>();
        for (JsonNode platform : platforms) {
            String implementation = platform.path("implementation-id").asText().toLowerCase(java.util.Locale.ROOT);
            for (JsonNode component : platform.path("sw-components")) {
                accepted.add(key(implementation, component.path("component-type").asText(),
                        component.path("measurement-value").asText().toLowerCase(java.util.Locale.ROOT),
                        component.path("signer-id").asText().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return new CcaPlatformReferenceValues(accepted);
    }

    boolean accepts(byte[] implementationId, String componentType, byte[] measurement, byte[] signerId) {
        HexFormat hex = HexFormat.of();
        return accepted.contains(key(hex.formatHex(implementationId), componentType, hex.formatHex(measurement), hex.formatHex(signerId)));
    }

    private static String key(String implementation, String type, String measurement, String signer) {
        return implementation + "|" + type + "|" + measurement + "|" + signer;
    }
}
