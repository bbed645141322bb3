package io.coco4j.kbs.plugin;

import io.coco4j.kbs.config.PluginConfig;

import java.nio.charset.StandardCharsets;

/** An operator's plugin as a service-loader factory: {@code /kbs/v0/greeting/...} answers "hello" to administrators. */
public final class GreetingPluginFactory implements KbsPluginFactory {

    @Override
    public String name() {
        return "greeting";
    }

    @Override
    public KbsPlugin create(PluginConfig config, PluginContext context) {
        return new KbsPlugin() {
            @Override
            public String name() {
                return "greeting";
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
                return "hello".getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
