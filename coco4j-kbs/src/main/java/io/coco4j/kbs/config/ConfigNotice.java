package io.coco4j.kbs.config;

/**
 * A recognised key whose feature is not built yet. The configuration is accepted; start-up reports
 * every notice so that the operator knows which settings have no effect.
 */
public record ConfigNotice(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
