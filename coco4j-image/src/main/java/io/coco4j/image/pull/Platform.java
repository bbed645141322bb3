package io.coco4j.image.pull;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** The OCI platform ({@code os}/{@code architecture}) an index entry is chosen for. */
public record Platform(String os, String architecture) {

    /** The platform this JVM runs on, in OCI's names. */
    public static Platform current() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String oci = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            default -> arch;
        };
        return new Platform("linux", oci);
    }

    boolean matches(JsonNode platform) {
        return platform != null && os.equals(platform.path("os").asText()) && architecture.equals(platform.path("architecture").asText());
    }

    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
