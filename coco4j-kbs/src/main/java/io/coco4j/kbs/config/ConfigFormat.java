package io.coco4j.kbs.config;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats a KBS configuration may be written in, chosen by file extension as the reference does. */
public enum ConfigFormat {
    TOML, YAML, JSON;

    /** The format for a file name ending in {@code .toml}, {@code .yaml}/{@code .yml} or {@code .json}. */
    public static ConfigFormat forFile(Path file) throws ConfigException {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".toml")) {
            return TOML;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        if (lower.endsWith(".json")) {
            return JSON;
        }
        throw new ConfigException("", "cannot tell the format of config file " + file
                + ": its name must end in .toml, .yaml, .yml or .json");
    }
}
