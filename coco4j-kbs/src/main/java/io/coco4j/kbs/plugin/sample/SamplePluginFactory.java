package io.coco4j.kbs.plugin.sample;

import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.KbsPluginFactory;
import io.coco4j.kbs.plugin.PluginContext;
import io.coco4j.kbs.plugin.PluginInitializationException;

/** {@code [[plugins]] name = "sample", item = "…"}. */
public final class SamplePluginFactory implements KbsPluginFactory {

    @Override
    public String name() {
        return SamplePlugin.NAME;
    }

    @Override
    public KbsPlugin create(PluginConfig config, PluginContext context) throws PluginInitializationException {
        String item = config.settings().path("item").asText("");
        if (item.isEmpty()) {
            throw new PluginInitializationException("plugin 'sample' needs item");
        }
        return new SamplePlugin(item);
    }
}
