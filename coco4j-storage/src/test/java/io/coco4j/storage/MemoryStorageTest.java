package io.coco4j.storage;

class MemoryStorageTest extends KeyValueStoreContract {

    @Override
    StorageBackend backend() {
        return new MemoryStorage();
    }
}
