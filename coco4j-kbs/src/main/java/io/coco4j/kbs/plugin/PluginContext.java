package io.coco4j.kbs.plugin;

import io.coco4j.storage.StorageBackend;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What the KBS lends a plugin it builds: the key-value storage (each plugin keeps to its own
 * namespace), the data directory, and the clock.
 */
public record PluginContext(StorageBackend storage, Path dataDirectory, Clock clock) {
}
