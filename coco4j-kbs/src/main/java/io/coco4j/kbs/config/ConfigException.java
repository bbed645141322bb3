package io.coco4j.kbs.config;

/**
 * A configuration file that cannot be used: unreadable, not valid TOML/YAML/JSON, an unknown key,
 * a value of the wrong type or out of range. The message always names the full dotted path of the
 * offending key (for example {@code admin.authentication.bearer_jwt.identity_providers[0].issuer}).
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    public ConfigException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    public ConfigException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.path = path;
    }

    /** The dotted path of the offending key; empty when the whole file is at fault. */
    public String path() {
        return path;
    }
}
