package io.coco4j.kbs.resource;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.PluginRequest;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.resource.ResourceUri;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageException;

import java.util.List;

/**
 * The {@code resource} plugin over the {@code repository} namespace: guests GET secrets (encrypted
 * to their TEE key), administrators POST and DELETE them.
 */
public final class ResourcePlugin implements KbsPlugin {

    private final KeyValueStore repository;

    public ResourcePlugin(KeyValueStore repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return ResourceUri.RESOURCE_PLUGIN;
    }

    @Override
    public boolean requiresAdmin(PluginRequest request) {
        return !request.isGet();
    }

    @Override
    public boolean encryptsResponse(PluginRequest request) {
        return request.isGet();
    }

    @Override
    public byte[] handle(PluginRequest request) throws KbsApiException {
        String key = key(request.path());
        try {
            switch (request.method()) {
                case "GET":
                    return repository.get(key).orElseThrow(() -> new ResourceNotFoundException(key));
                case "POST":
                    // ?overwrite=false: create only, so a key that encrypted images depend on is never replaced by accident
                    if ("false".equals(request.query().get("overwrite"))) {
                        if (!repository.putIfAbsent(key, request.body())) {
                            throw new KbsApiException(KbsErrorType.RESOURCE_EXISTS, "resource " + key + " already exists");
                        }
                    } else {
                        repository.put(key, request.body());
                    }
                    return new byte[0];
                case "DELETE":
                    if (!repository.delete(key)) {
                        throw new ResourceNotFoundException(key);
                    }
                    return new byte[0];
                default:
                    throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR,
                            "the resource plugin does not support " + request.method());
            }
        } catch (StorageException e) {
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "resource storage failed: " + e.getMessage(), e);
        }
    }

    private static String key(List<String> path) throws InvalidResourcePathException {
        if (!ResourceUri.isValidResourcePath(path)) {
            throw new InvalidResourcePathException(String.join("/", path));
        }
        return String.join("/", path);
    }
}
