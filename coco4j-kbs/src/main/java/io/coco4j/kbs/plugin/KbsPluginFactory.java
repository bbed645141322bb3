package io.coco4j.kbs.plugin;

import io.coco4j.kbs.config.PluginConfig;

/**
 * Builds one kind of {@link KbsPlugin} from its {@code [[plugins]]} entry. The built-in plugins have
 * factories; operators add their own by putting a jar on the class path that lists its factory in
 * {@code META-INF/services/io.coco4j.kbs.plugin.KbsPluginFactory} ({@link java.util.ServiceLoader}).
 * The factory's {@link #name()} is the {@code name} of the entry and the first path segment the
 * plugin answers under.
 */
public interface KbsPluginFactory {

    String name();

    /**
     * The plugin for {@code config}; every setting is checked here, so a bad entry stops start-up.
     *
     * @throws PluginInitializationException naming the setting that is wrong or the resource that is unavailable
     */
    KbsPlugin create(PluginConfig config, PluginContext context) throws PluginInitializationException;
}
