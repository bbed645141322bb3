package io.coco4j.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The temporary files values are written to before they are renamed into place, and the removal
 * of those a dead process left behind: a write cut short by a crash leaves a copy of the value
 * (often a secret) outside every key, which deleting the key would never remove.
 *
 * <p>Each process that writes under a lock directory holds an exclusive lock on its own
 * {@code ~writer~<id>} file there for as long as it lives, and names its temporary files
 * {@code ~tmp~<id>~<random>}. The kernel drops the lock when the process dies, however it dies, so
 * a temporary file is an orphan exactly when its writer's lock can be taken or its writer file is
 * gone; a live writer's files are never touched.
 */
final class TemporaryFiles {

    /** A character no valid key contains, so temporary files never list as keys. */
    static final String PREFIX = "~tmp~";
    /** No namespace contains '~' ({@link LocalFsStorage} refuses them), so no namespace lock file is named like this. */
    private static final String WRITER = "~writer~";
    /** One writer identity per lock directory and JVM: a JVM cannot hold two locks on one file. */
    private static final ConcurrentMap<Path, Writer> WRITERS = new ConcurrentHashMap<>();

    private final Path locks;

    /** This process's claim: the open channel keeps the lock. */
    private record Writer(String id, FileChannel channel, FileLock lock) {
    }

    TemporaryFiles(Path lockDirectory) {
        this.locks = lockDirectory.toAbsolutePath().normalize();
    }

    /** A fresh temporary file name in {@code directory}, claimed by this process. */
    Path newFile(Path directory) throws StorageException {
        return directory.resolve(PREFIX + writer().id() + "~" + UUID.randomUUID());
    }

    /** Deletes the temporary files in {@code directory} whose writers are dead. */
    void removeOrphans(Path directory) throws StorageException {
        Writer self = WRITERS.get(locks);
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path entry : entries) {
                String owner = ownerOf(entry.getFileName().toString());
                if ((self == null || !owner.equals(self.id())) && isDead(owner)) {
                    orphans.add(entry);
                }
            }
            for (Path orphan : orphans) {
                Files.deleteIfExists(orphan);
            }
        } catch (IOException e) {
            throw new StorageException("cannot remove the temporary files of interrupted writes in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** The writer id of {@code ~tmp~<id>~<random>}; empty for names without one (written before ids were recorded). */
    private static String ownerOf(String name) {
        int end = name.indexOf('~', PREFIX.length());
        return end < 0 ? "" : name.substring(PREFIX.length(), end);
    }

    /** Whether the writer {@code owner} is dead; a dead writer's file is removed. Never called for this process's own. */
    private boolean isDead(String owner) throws IOException {
        if (owner.isEmpty() || owner.contains("/") || owner.contains("..")) {
            return true;
        }
        Path file = locks.resolve(WRITER + owner);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(file);
            lock.release();
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // locked in this JVM, so alive
        }
    }

    private Writer writer() throws StorageException {
        Writer writer = WRITERS.get(locks);
        if (writer != null) {
            return writer;
        }
        synchronized (WRITERS) {
            writer = WRITERS.get(locks);
            if (writer == null) {
                writer = claim();
                WRITERS.put(locks, writer);
            }
            return writer;
        }
    }

    /**
     * Locks a new writer file, then renames it to its final name: a cleaner never sees an
     * unlocked writer file of a live process. Writer files of dead processes are removed.
     */
    private Writer claim() throws StorageException {
        String id = UUID.randomUUID().toString();
        Path claiming = locks.resolve(WRITER + id + ".new");
        try {
            Files.createDirectories(locks);
            FileChannel channel = FileChannel.open(claiming, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.lock();
                Files.move(claiming, locks.resolve(WRITER + id), StandardCopyOption.ATOMIC_MOVE);
                removeDeadWriters(id);
                return new Writer(id, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(claiming);
                throw e;
            }
        } catch (IOException e) {
            throw new StorageException("cannot claim a writer file in " + locks + ": " + e.getMessage(), e);
        }
    }

    private void removeDeadWriters(String self) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(locks, WRITER + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String id = name.substring(WRITER.length());
                if (!name.endsWith(".new") && !id.equals(self)) {
                    isDead(id);
                }
            }
        }
    }
}
