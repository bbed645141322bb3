package io.coco4j.kbs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code [[plugins]]} entry: the plugin {@code name} and the rest of its table.
 *
 * @param name     the canonical plugin name ({@code resource}, {@code sample}, {@code nebula-ca},
 *                 {@code pkcs11}, {@code external}, {@code provisioner})
 * @param settings every other key of the entry, already checked by the loader; a deep copy
 */
public record PluginConfig(String name, ObjectNode settings) {

    public static final String RESOURCE = "resource";
    /** {@code storage_backend_type} of the resource plugin that keeps resources in the key-value store. */
    public static final String KV_STORAGE = "kvstorage";

    public PluginConfig {
        settings = settings.deepCopy();
    }

    @Override
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    /** The resource plugin with resources in the shared key-value store (namespace {@code repository}). */
    public static PluginConfig kvStorageResource() {
        ObjectNode settings = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        settings.put("storage_backend_type", KV_STORAGE);
        return new PluginConfig(RESOURCE, settings);
    }

    /**
     * For the resource plugin: its {@code storage_backend_type} in canonical lower case
     * ({@code kvstorage}, {@code aliyun}, {@code aws}, {@code gcp}, {@code vault}).
     */
    public String resourceStorageBackendType() {
        if (!RESOURCE.equals(name)) {
            throw new IllegalStateException("plugin " + name + " has no storage back-end");
        }
        return settings.path("storage_backend_type").asText(KV_STORAGE);
    }

    @Override
    public String toString() {
        // Plugin settings hold tokens and passwords; show only which keys are set.
        List<String> keys = new ArrayList<>();
        settings.fieldNames().forEachRemaining(keys::add);
        return "PluginConfig[name=" + name + ", keys=" + keys + "]";
    }
}
