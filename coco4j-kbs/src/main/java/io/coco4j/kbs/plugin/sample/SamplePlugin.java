package io.coco4j.kbs.plugin.sample;

import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.PluginRequest;

import java.nio.charset.StandardCharsets;

/**
 * The reference's {@code sample} plugin, a template for plugin authors: any method, administrators
 * only, answers {@code sample plugin response} unencrypted. Its configured {@code item} is kept but
 * not used, as in the reference.
 */
public final class SamplePlugin implements KbsPlugin {

    public static final String NAME = "sample";
    static final byte[] RESPONSE = "sample plugin response".getBytes(StandardCharsets.UTF_8);

    private final String item;

    public SamplePlugin(String item) {
        this.item = item;
    }

    public String item() {
        return item;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean requiresAdmin(PluginRequest request) {
        return true;
    }

    @Override
    public boolean encryptsResponse(PluginRequest request) {
        return false;
    }

    @Override
    public byte[] handle(PluginRequest request) {
        return RESPONSE.clone();
    }
}
