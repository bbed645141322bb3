package io.coco4j.kbs.server;

import io.coco4j.kbs.config.StorageBackendConfig;
import io.coco4j.kbs.config.StorageType;
import io.coco4j.storage.LocalFsStorage;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;

import java.nio.file.Path;

/** Opens the storage backend a configuration names. */
final class StorageBackends {

    private StorageBackends() {
    }

    static StorageBackend open(StorageBackendConfig config) throws StartupException {
        StorageType type = config.storageType();
        try {
            return switch (type) {
                case MEMORY -> new MemoryStorage();
                case LOCAL_FS -> new LocalFsStorage(Path.of(config.backends().localFsOrDefault().dirPath()));
                default -> throw new StartupException("storage_backend.storage_type = \"" + type.configName()
                        + "\" is not supported yet (use \"Memory\" or \"LocalFs\")");
            };
        } catch (StorageException e) {
            throw new StartupException("cannot open the " + type.configName() + " storage: " + e.getMessage(), e);
        }
    }
}
