package io.coco4j.kbs.plugin;

/** A plugin cannot be built from its configuration (bad setting, unreachable back-end, missing library). */
public class PluginInitializationException extends Exception {

    public PluginInitializationException(String message) {
        super(message);
    }

    public PluginInitializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
