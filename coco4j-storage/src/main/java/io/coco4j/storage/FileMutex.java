package io.coco4j.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion through a lock file: between threads of this JVM (a file lock cannot be taken
 * twice by one JVM) and between processes (an exclusive {@code flock}-style lock on the file).
 */
final class FileMutex {

    /** One lock per lock file and JVM, however many storage objects share the directory. */
    private static final ConcurrentMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock local;

    FileMutex(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.local = LOCAL.computeIfAbsent(this.file, f -> new ReentrantLock());
    }

    interface Action<T> {
        T run() throws StorageException;
    }

    <T> T locked(Action<T> action) throws StorageException {
        local.lock();
        try {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new StorageException("cannot create the lock directory " + file.getParent() + ": " + e.getMessage(), e);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            } catch (IOException e) {
                throw new StorageException("cannot lock " + file + ": " + e.getMessage(), e);
            }
        } finally {
            local.unlock();
        }
    }
}
