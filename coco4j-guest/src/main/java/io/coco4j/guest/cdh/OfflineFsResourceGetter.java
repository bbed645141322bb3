package io.coco4j.guest.cdh;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.resource.ResourceUri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code offline_fs_kbc} getter: resources baked into the guest image as JSON maps
 * {@code {"<repo>/<type>/<tag>": "<b64std content>"}}, looked up by the URI's joined path. No
 * attestation happens; this is for images whose secrets are part of the measured root file system.
 */
public final class OfflineFsResourceGetter implements ResourceGetter {

    public static final List<Path> DEFAULT_FILES = List.of(
            Path.of("/etc/aa-offline_fs_kbc-keys.json"), Path.of("/etc/aa-offline_fs_kbc-resources.json"));
    public static final String EXTRA_FILES_ENV = "OFFLINE_FS_KBC_EXTRA_FILE_PATH";

    private final Map<String, byte[]> resources;

    private OfflineFsResourceGetter(Map<String, byte[]> resources) {
        this.resources = resources;
    }

    /** Loads the maps from {@code files}; missing files are skipped, malformed ones refused. */
    public static OfflineFsResourceGetter load(List<Path> files) throws IOException {
        Map<String, byte[]> resources = new HashMap<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                continue;
            }
            JsonNode map = Json.readTree(bytes);
            if (map == null || !map.isObject()) {
                throw new IOException(file + " is not a JSON object of base64 resources");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isTextual()) {
                    throw new IOException(file + ": the value of '" + entry.getKey() + "' is not a base64 string");
                }
                try {
                    resources.put(entry.getKey(), Base64.getDecoder().decode(entry.getValue().textValue()));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": the value of '" + entry.getKey() + "' is not base64");
                }
            }
        }
        return new OfflineFsResourceGetter(resources);
    }

    @Override
    public byte[] getResource(ResourceUri uri) throws ResourceException {
        byte[] value = resources.get(String.join("/", uri.segments()));
        if (value == null) {
            throw new ResourceException("no offline resource " + String.join("/", uri.segments()), true, null);
        }
        return value.clone();
    }
}
