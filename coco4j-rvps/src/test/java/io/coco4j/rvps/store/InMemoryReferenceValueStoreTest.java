package io.coco4j.rvps.store;

class InMemoryReferenceValueStoreTest extends ReferenceValueStoreContract {

    @Override
    ReferenceValueStore open() {
        return new InMemoryReferenceValueStore();
    }

    @Override
    ReferenceValueStore reopen() {
        return null;
    }

    @Override
    boolean poisonWritesOf(String name) {
        return false;
    }
}
