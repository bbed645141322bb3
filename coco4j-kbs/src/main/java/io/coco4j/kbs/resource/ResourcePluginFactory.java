package io.coco4j.kbs.resource;

import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.KbsPluginFactory;
import io.coco4j.kbs.plugin.PluginContext;
import io.coco4j.kbs.plugin.PluginInitializationException;
import io.coco4j.protocol.resource.ResourceUri;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageException;

/** The {@code resource} plugin over the shared key-value store; other resource back-ends are not built. */
public final class ResourcePluginFactory implements KbsPluginFactory {

    @Override
    public String name() {
        return ResourceUri.RESOURCE_PLUGIN;
    }

    @Override
    public KbsPlugin create(PluginConfig config, PluginContext context) throws PluginInitializationException {
        if (!PluginConfig.KV_STORAGE.equals(config.resourceStorageBackendType())) {
            throw new PluginInitializationException("resource plugin storage_backend_type = \"" + config.resourceStorageBackendType()
                    + "\" is not supported yet (use \"kvstorage\")");
        }
        try {
            return new ResourcePlugin(context.storage().namespace(Namespace.REPOSITORY));
        } catch (StorageException e) {
            throw new PluginInitializationException("resource storage: " + e.getMessage(), e);
        }
    }
}
