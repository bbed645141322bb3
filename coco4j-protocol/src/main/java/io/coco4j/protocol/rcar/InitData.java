package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The init-data a guest was booted with: the exact TOML text ({@code format} is always {@code toml}). */
public record InitData(@JsonProperty("format") String format, @JsonProperty("body") String body) {

    public static final String FORMAT_TOML = "toml";

    public static InitData toml(String body) {
        return new InitData(FORMAT_TOML, body);
    }
}
