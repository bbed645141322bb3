package io.coco4j.kbs.plugin.pkcs11;

import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.KbsPluginFactory;
import io.coco4j.kbs.plugin.PluginContext;
import io.coco4j.kbs.plugin.PluginInitializationException;
import io.coco4j.storage.StorageException;

/** {@code [[plugins]] name = "pkcs11", module = "/usr/lib/softhsm/libsofthsm2.so", slot_index = 0, pin = "…"}. */
public final class Pkcs11PluginFactory implements KbsPluginFactory {

    @Override
    public String name() {
        return Pkcs11Plugin.NAME;
    }

    @Override
    public KbsPlugin create(PluginConfig config, PluginContext context) throws PluginInitializationException {
        TokenSealer sealer = TokenSealer.open(Pkcs11Settings.parse(config.settings()));
        try {
            return new Pkcs11Plugin(sealer, context.storage().namespace(Pkcs11Plugin.NAMESPACE));
        } catch (StorageException e) {
            throw new PluginInitializationException("pkcs11 resource storage: " + e.getMessage(), e);
        }
    }
}
