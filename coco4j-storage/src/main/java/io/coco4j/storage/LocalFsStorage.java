package io.coco4j.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The reference's {@code LocalFs} layout, so an existing reference store opens unchanged: one file
 * per key at {@code <dir>/<namespace>/<key with every "/" written as the four characters \x2F>}.
 * Writes go to a temporary file that is fsynced and renamed over the target, then the directory is
 * fsynced, so a crash leaves either the old value or the new one; the temporary files of writes a
 * crash cut short are removed when the namespace is next opened ({@link TemporaryFiles}). Writers of one namespace take
 * turns through a lock file under {@code <dir>/.locks/} (outside every namespace directory, so the
 * reference never sees it as a key), which makes {@link KeyValueStore#replace} atomic between
 * processes sharing the directory.
 */
public final class LocalFsStorage implements StorageBackend {

    /** The reference's default {@code dir_path}. */
    public static final String DEFAULT_DIR = "/opt/confidential-containers/storage/local_fs";
    private static final String SLASH = "\\x2F";
    /** Temporary files carry a character no valid key can contain, so they never list as keys. */
    public static final String TEMPORARY_PREFIX = TemporaryFiles.PREFIX;
    private static final String LOCK_DIR = ".locks";

    private final Path root;
    private final TemporaryFiles temporaryFiles;
    private final ConcurrentMap<String, Store> namespaces = new ConcurrentHashMap<>();

    public LocalFsStorage(Path root) throws StorageException {
        this.root = root.toAbsolutePath().normalize();
        this.temporaryFiles = new TemporaryFiles(this.root.resolve(LOCK_DIR));
        try {
            DirectorySync.create(this.root);
        } catch (IOException e) {
            throw new StorageException("cannot create the storage directory " + this.root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public KeyValueStore namespace(String namespace) throws StorageException {
        KeyRules.checkNamespace(namespace);
        Store store = namespaces.get(namespace);
        if (store == null) {
            Path dir = root.resolve(namespace).normalize();
            // '~' marks temporary and writer files: no namespace directory or lock file may look like one
            if (!dir.startsWith(root) || namespace.contains("~")) {
                throw new InvalidKeyException("invalid namespace '" + namespace + "'");
            }
            try {
                // synced into its parent: a value acknowledged in a new namespace survives a power cut
                DirectorySync.create(dir);
            } catch (IOException e) {
                throw new StorageException("cannot create namespace directory " + dir + ": " + e.getMessage(), e);
            }
            temporaryFiles.removeOrphans(dir);
            FileMutex mutex = new FileMutex(root.resolve(LOCK_DIR).resolve(namespace.replace("/", SLASH)));
            store = namespaces.computeIfAbsent(namespace, ns -> new Store(ns, dir, mutex, temporaryFiles));
        }
        return store;
    }

    @Override
    public String describe() {
        return "LocalFs at " + root;
    }

    private static final class Store implements KeyValueStore {
        private final String namespace;
        private final Path dir;
        private final FileMutex mutex;
        private final TemporaryFiles temporaryFiles;

        Store(String namespace, Path dir, FileMutex mutex, TemporaryFiles temporaryFiles) {
            this.namespace = namespace;
            this.dir = dir;
            this.mutex = mutex;
            this.temporaryFiles = temporaryFiles;
        }

        @Override
        public String namespace() {
            return namespace;
        }

        private Path file(String key) throws InvalidKeyException {
            KeyRules.checkPersistentKey(key);
            Path file = dir.resolve(key.replace("/", SLASH));
            if (!dir.equals(file.getParent())) {
                throw new InvalidKeyException("invalid key '" + key + "'");
            }
            return file;
        }

        @Override
        public Optional<byte[]> get(String key) throws StorageException {
            Path file = file(key);
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new StorageException("cannot read " + namespace + "/" + key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void put(String key, byte[] value) throws StorageException {
            Path target = file(key);
            Path temp = writeTemp(key, value);
            try {
                mutex.locked(() -> {
                    install(key, temp, target);
                    return null;
                });
            } finally {
                deleteQuietly(temp);
            }
        }

        private void install(String key, Path temp, Path target) throws StorageException {
            try {
                move(temp, target);
                DirectorySync.sync(dir);
            } catch (IOException e) {
                throw new StorageException("cannot write " + namespace + "/" + key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean replace(String key, byte[] expected, byte[] value) throws StorageException {
            Path target = file(key);
            Path temp = writeTemp(key, value);
            try {
                return mutex.locked(() -> {
                    Optional<byte[]> current = get(key);
                    if (current.isEmpty() || !java.util.Arrays.equals(current.get(), expected)) {
                        return false;
                    }
                    install(key, temp, target);
                    return true;
                });
            } finally {
                deleteQuietly(temp);
            }
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value) throws StorageException {
            Path target = file(key);
            Path temp = writeTemp(key, value);
            try {
                return mutex.locked(() -> link(key, temp, target));
            } finally {
                deleteQuietly(temp);
            }
        }

        private boolean link(String key, Path temp, Path target) throws StorageException {
            try {
                try {
                    // a hard link fails atomically when the target exists, unlike a rename
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (UnsupportedOperationException | IOException e) {
                    if (Files.exists(target)) {
                        return false;
                    }
                    move(temp, target);
                }
                DirectorySync.sync(dir);
                return true;
            } catch (IOException e) {
                throw new StorageException("cannot write " + namespace + "/" + key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean delete(String key) throws StorageException {
            Path file = file(key);
            return mutex.locked(() -> remove(key, file));
        }

        private boolean remove(String key, Path file) throws StorageException {
            try {
                boolean existed = Files.deleteIfExists(file);
                if (existed) {
                    DirectorySync.sync(dir);
                }
                return existed;
            } catch (IOException e) {
                throw new StorageException("cannot delete " + namespace + "/" + key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public List<String> keys() throws StorageException {
            List<String> keys = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (!name.startsWith(TEMPORARY_PREFIX) && Files.isRegularFile(entry)) {
                        keys.add(name.replace(SLASH, "/"));
                    }
                }
            } catch (IOException e) {
                throw new StorageException("cannot list namespace " + namespace + ": " + e.getMessage(), e);
            }
            keys.sort(null);
            return keys;
        }

        private Path writeTemp(String key, byte[] value) throws StorageException {
            Path temp = temporaryFiles.newFile(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(value);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                return temp;
            } catch (IOException e) {
                deleteQuietly(temp);
                throw new StorageException("cannot write " + namespace + "/" + key + ": " + e.getMessage(), e);
            }
        }

        private static void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically", e);
            }
        }

        private static void deleteQuietly(Path path) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover is skipped by keys(), and removed by the first namespace opening after this process ends
            }
        }
    }
}
