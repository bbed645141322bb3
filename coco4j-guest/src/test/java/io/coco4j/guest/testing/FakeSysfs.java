package io.coco4j.guest.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory file system that behaves like the parts of a guest kernel's sysfs and configfs the
 * attesters use, so the real attester code (plain {@link java.nio.file.Files} calls on a configurable
 * root) runs against it unchanged. Below {@code /sys/kernel/config/tsm/report}, {@code mkdir} creates a
 * report entry with the kernel's attributes: {@code provider}, {@code generation} (counting writes),
 * {@code inblob} (write only), {@code outblob} and {@code auxblob} (generated on read from the current
 * {@code inblob}), {@code privlevel}; {@code rmdir} removes an entry with its attributes. Races with
 * another writer can be scheduled: the next {@code outblob} read then sees someone else's
 * {@code inblob} and an extra generation, as the kernel would show it.
 */
public final class FakeSysfs {

    /** Makes reports as the TEE firmware would, from the {@code inblob} the guest wrote. */
    public interface ReportGenerator {
        byte[] outblob(byte[] inblob);

        default byte[] auxblob(byte[] inblob) {
            return new byte[0];
        }
    }

    private final FakeFileSystem fileSystem = new FakeFileSystem(this);
    private final Dir top = new Dir();
    private final AtomicInteger reportsCreated = new AtomicInteger();
    private final AtomicInteger racesPending = new AtomicInteger();
    private String provider;
    private ReportGenerator generator;

    private FakeSysfs() {
    }

    public static FakeSysfs create() {
        return new FakeSysfs();
    }

    /** The file system root, {@code /}. */
    public Path root() {
        return fileSystem.getPath("/");
    }

    /** A regular file with fixed content (creating its directories). */
    public synchronized FakeSysfs file(String path, byte[] content) {
        Dir dir = mkdirs(parentOf(path));
        dir.children.put(nameOf(path), new Blob(content.clone()));
        return this;
    }

    /** The content of a regular file, as the code under test left it. */
    public synchronized byte[] read(String path) throws IOException {
        Node node = lookup(split(path));
        if (!(node instanceof Blob blob)) {
            throw new NoSuchFileException(path);
        }
        return blob.content.clone();
    }

    /** A directory (and its parents). */
    public synchronized FakeSysfs directory(String path) {
        mkdirs(path);
        return this;
    }

    /** configfs-tsm with this provider ({@code tdx_guest}, {@code sev_guest}, or {@code ""} for none loaded). */
    public synchronized FakeSysfs tsm(String provider, ReportGenerator generator) {
        this.provider = provider;
        this.generator = generator;
        Dir parent = mkdirs("sys/kernel/config/tsm");
        parent.children.put("report", new ReportsDir());
        return this;
    }

    /** Makes the next {@code count} report reads race with another writer. */
    public FakeSysfs raceNextReports(int count) {
        racesPending.set(count);
        return this;
    }

    /** Report entries created so far. */
    public int reportsCreated() {
        return reportsCreated.get();
    }

    /** Report entries still present (the attester must remove its own). */
    public synchronized int reportEntriesPresent() {
        Node node = lookup(split("sys/kernel/config/tsm/report"));
        return node instanceof Dir dir ? dir.children.size() : 0;
    }

    // --- the model ---

    private abstract static class Node {
    }

    private static class Dir extends Node {
        final Map<String, Node> children = new LinkedHashMap<>();

        Node create(String name) throws IOException {
            Dir dir = new Dir();
            children.put(name, dir);
            return dir;
        }

        boolean removable() {
            return children.isEmpty();
        }
    }

    /** A file whose content is read and written whole. */
    private abstract static class File extends Node {
        abstract byte[] read() throws IOException;

        abstract void write(byte[] data) throws IOException;
    }

    private static final class Blob extends File {
        byte[] content;

        Blob(byte[] content) {
            this.content = content;
        }

        @Override
        byte[] read() {
            return content.clone();
        }

        @Override
        void write(byte[] data) {
            content = data.clone();
        }
    }

    private final class ReportsDir extends Dir {
        @Override
        Node create(String name) {
            ReportEntry entry = new ReportEntry();
            children.put(name, entry);
            reportsCreated.incrementAndGet();
            return entry;
        }
    }

    /** One report request: the kernel's attributes over shared state. */
    private final class ReportEntry extends Dir {
        byte[] inblob = new byte[0];
        long generation;

        ReportEntry() {
            if (!provider.isEmpty()) {
                children.put("provider", readOnly(() -> (provider + "\n").getBytes()));
            }
            children.put("generation", readOnly(() -> (generation + "\n").getBytes()));
            children.put("inblob", new File() {
                @Override
                byte[] read() throws IOException {
                    throw new AccessDeniedException("inblob");
                }

                @Override
                void write(byte[] data) throws IOException {
                    if (data.length > 64) {
                        throw new IOException("Invalid argument");
                    }
                    inblob = data.clone();
                    generation++;
                }
            });
            children.put("outblob", readOnly(() -> {
                if (racesPending.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    // another process writes its own request between our write and our read
                    byte[] theirs = new byte[64];
                    new SecureRandom().nextBytes(theirs);
                    inblob = theirs;
                    generation++;
                }
                return generator.outblob(inblob);
            }));
            children.put("auxblob", readOnly(() -> generator.auxblob(inblob)));
            byte[][] privlevel = {"0\n".getBytes()};
            children.put("privlevel", new File() {
                @Override
                byte[] read() {
                    return privlevel[0];
                }

                @Override
                void write(byte[] data) {
                    privlevel[0] = data.clone();
                    generation++;
                }
            });
        }

        @Override
        Node create(String name) throws IOException {
            throw new AccessDeniedException(name);
        }

        @Override
        boolean removable() {
            return true;
        }
    }

    private interface Content {
        byte[] get() throws IOException;
    }

    private static File readOnly(Content content) {
        return new File() {
            @Override
            byte[] read() throws IOException {
                return content.get();
            }

            @Override
            void write(byte[] data) throws IOException {
                throw new AccessDeniedException("read-only attribute");
            }
        };
    }

    private static List<String> split(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String parentOf(String path) {
        List<String> names = split(path);
        return String.join("/", names.subList(0, names.size() - 1));
    }

    private static String nameOf(String path) {
        List<String> names = split(path);
        return names.get(names.size() - 1);
    }

    private Dir mkdirs(String path) {
        Dir dir = top;
        for (String name : split(path)) {
            Node next = dir.children.get(name);
            if (next == null) {
                Dir created = new Dir();
                dir.children.put(name, created);
                next = created;
            }
            dir = (Dir) next;
        }
        return dir;
    }

    private Node lookup(List<String> names) {
        Node node = top;
        for (String name : names) {
            if (!(node instanceof Dir dir)) {
                return null;
            }
            node = dir.children.get(name);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    // --- file system operations, called by the provider ---

    synchronized void createDirectory(FakePath path) throws IOException {
        List<String> names = path.absoluteNames();
        if (names.isEmpty()) {
            throw new FileAlreadyExistsException("/");
        }
        Node parent = lookup(names.subList(0, names.size() - 1));
        if (parent == null) {
            throw new NoSuchFileException(path.toString());
        }
        if (!(parent instanceof Dir dir)) {
            throw new NotDirectoryException(path.getParent().toString());
        }
        String name = names.get(names.size() - 1);
        if (dir.children.containsKey(name)) {
            throw new FileAlreadyExistsException(path.toString());
        }
        dir.create(name);
    }

    synchronized void delete(FakePath path) throws IOException {
        List<String> names = path.absoluteNames();
        Node parent = lookup(names.subList(0, Math.max(0, names.size() - 1)));
        Node node = lookup(names);
        if (node == null || names.isEmpty()) {
            throw new NoSuchFileException(path.toString());
        }
        Dir dir = (Dir) parent;
        if (node instanceof Dir d && !d.removable()) {
            throw new DirectoryNotEmptyException(path.toString());
        }
        if (dir instanceof ReportEntry) {
            throw new AccessDeniedException(path.toString());
        }
        dir.children.remove(names.get(names.size() - 1));
    }

    synchronized Node node(FakePath path) {
        return lookup(path.absoluteNames());
    }

    synchronized byte[] readFile(FakePath path) throws IOException {
        Node node = lookup(path.absoluteNames());
        if (node == null) {
            throw new NoSuchFileException(path.toString());
        }
        if (!(node instanceof File file)) {
            throw new IOException(path + ": Is a directory");
        }
        return file.read();
    }

    synchronized void writeFile(FakePath path, byte[] data, boolean create) throws IOException {
        List<String> names = path.absoluteNames();
        Node node = lookup(names);
        if (node == null) {
            Node parent = lookup(names.subList(0, Math.max(0, names.size() - 1)));
            if (!create || !(parent instanceof Dir dir) || parent instanceof ReportEntry || parent instanceof ReportsDir) {
                throw new NoSuchFileException(path.toString());
            }
            dir.children.put(names.get(names.size() - 1), new Blob(data.clone()));
            return;
        }
        if (!(node instanceof File file)) {
            throw new IOException(path + ": Is a directory");
        }
        file.write(data);
    }

    // --- java.nio plumbing ---

    static final class FakePath implements Path {
        private final FakeFileSystem fs;
        private final boolean absolute;
        private final List<String> names;

        FakePath(FakeFileSystem fs, boolean absolute, List<String> names) {
            this.fs = fs;
            this.absolute = absolute;
            this.names = List.copyOf(names);
        }

        static FakePath of(FakeFileSystem fs, String text) {
            return new FakePath(fs, text.startsWith("/"), split(text));
        }

        List<String> absoluteNames() {
            return names;
        }

        @Override
        public FileSystem getFileSystem() {
            return fs;
        }

        @Override
        public boolean isAbsolute() {
            return absolute;
        }

        @Override
        public Path getRoot() {
            return absolute ? new FakePath(fs, true, List.of()) : null;
        }

        @Override
        public Path getFileName() {
            return names.isEmpty() ? null : new FakePath(fs, false, List.of(names.get(names.size() - 1)));
        }

        @Override
        public Path getParent() {
            if (names.isEmpty() || (!absolute && names.size() == 1)) {
                return absolute && !names.isEmpty() ? new FakePath(fs, true, List.of()) : null;
            }
            return new FakePath(fs, absolute, names.subList(0, names.size() - 1));
        }

        @Override
        public int getNameCount() {
            return names.size();
        }

        @Override
        public Path getName(int index) {
            return new FakePath(fs, false, List.of(names.get(index)));
        }

        @Override
        public Path subpath(int beginIndex, int endIndex) {
            return new FakePath(fs, false, names.subList(beginIndex, endIndex));
        }

        @Override
        public boolean startsWith(Path other) {
            if (!(other instanceof FakePath p) || p.absolute != absolute || p.names.size() > names.size()) {
                return false;
            }
            return names.subList(0, p.names.size()).equals(p.names);
        }

        @Override
        public boolean endsWith(Path other) {
            if (!(other instanceof FakePath p) || p.names.size() > names.size() || (p.absolute && !equals(p))) {
                return false;
            }
            return names.subList(names.size() - p.names.size(), names.size()).equals(p.names);
        }

        @Override
        public Path normalize() {
            List<String> out = new ArrayList<>();
            for (String name : names) {
                if (name.equals(".")) {
                    continue;
                }
                if (name.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!(name.equals("..") && absolute)) {
                    out.add(name);
                }
            }
            return new FakePath(fs, absolute, out);
        }

        @Override
        public Path resolve(Path other) {
            FakePath p = (FakePath) other;
            if (p.absolute) {
                return p;
            }
            List<String> joined = new ArrayList<>(names);
            joined.addAll(p.names);
            return new FakePath(fs, absolute, joined);
        }

        @Override
        public Path relativize(Path other) {
            FakePath p = (FakePath) other;
            if (!p.startsWith(this)) {
                throw new IllegalArgumentException("not below " + this);
            }
            return new FakePath(fs, false, p.names.subList(names.size(), p.names.size()));
        }

        @Override
        public URI toUri() {
            return URI.create("fakesysfs://" + toAbsolutePath());
        }

        @Override
        public Path toAbsolutePath() {
            return absolute ? this : new FakePath(fs, true, names);
        }

        @Override
        public Path toRealPath(LinkOption... options) throws IOException {
            FakePath real = (FakePath) toAbsolutePath().normalize();
            if (fs.sysfs.node(real) == null) {
                throw new NoSuchFileException(toString());
            }
            return real;
        }

        @Override
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int compareTo(Path other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FakePath p && p.fs == fs && p.absolute == absolute && p.names.equals(names);
        }

        @Override
        public int hashCode() {
            return names.hashCode() * 31 + (absolute ? 1 : 0);
        }

        @Override
        public String toString() {
            return (absolute ? "/" : "") + String.join("/", names);
        }

        @Override
        public Iterator<Path> iterator() {
            List<Path> parts = new ArrayList<>();
            for (String name : names) {
                parts.add(new FakePath(fs, false, List.of(name)));
            }
            return parts.iterator();
        }
    }

    static final class FakeFileSystem extends FileSystem {
        final FakeSysfs sysfs;
        private final FakeProvider provider = new FakeProvider();

        FakeFileSystem(FakeSysfs sysfs) {
            this.sysfs = sysfs;
        }

        @Override
        public FileSystemProvider provider() {
            return provider;
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public String getSeparator() {
            return "/";
        }

        @Override
        public Iterable<Path> getRootDirectories() {
            return List.of(getPath("/"));
        }

        @Override
        public Iterable<FileStore> getFileStores() {
            return List.of();
        }

        @Override
        public Set<String> supportedFileAttributeViews() {
            return Set.of("basic");
        }

        @Override
        public Path getPath(String first, String... more) {
            StringBuilder text = new StringBuilder(first);
            for (String part : more) {
                text.append('/').append(part);
            }
            return FakePath.of(this, text.toString());
        }

        @Override
        public PathMatcher getPathMatcher(String syntaxAndPattern) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UserPrincipalLookupService getUserPrincipalLookupService() {
            throw new UnsupportedOperationException();
        }

        @Override
        public WatchService newWatchService() {
            throw new UnsupportedOperationException();
        }
    }

    static final class FakeProvider extends FileSystemProvider {

        private static FakePath fake(Path path) {
            return (FakePath) path.toAbsolutePath();
        }

        private static FakeSysfs sysfs(Path path) {
            return ((FakeFileSystem) path.getFileSystem()).sysfs;
        }

        @Override
        public String getScheme() {
            return "fakesysfs";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path getPath(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
            FakePath file = fake(path);
            FakeSysfs sysfs = sysfs(path);
            boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
            if (!write) {
                return new Channel(sysfs.readFile(file), null);
            }
            boolean create = options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW);
            if (sysfs.node(file) == null && !create) {
                throw new NoSuchFileException(file.toString());
            }
            return new Channel(null, data -> sysfs.writeFile(file, data, create));
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
            FakeSysfs sysfs = sysfs(dir);
            FakePath path = fake(dir);
            List<Path> entries = new ArrayList<>();
            synchronized (sysfs) {
                Node node = sysfs.node(path);
                if (!(node instanceof Dir d)) {
                    throw new NotDirectoryException(dir.toString());
                }
                for (String name : d.children.keySet()) {
                    Path child = path.resolve(name);
                    if (filter.accept(child)) {
                        entries.add(child);
                    }
                }
            }
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    return entries.iterator();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            sysfs(dir).createDirectory(fake(dir));
        }

        @Override
        public void delete(Path path) throws IOException {
            sysfs(path).delete(fake(path));
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isSameFile(Path path, Path path2) {
            return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
        }

        @Override
        public boolean isHidden(Path path) {
            return false;
        }

        @Override
        public FileStore getFileStore(Path path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            if (sysfs(path).node(fake(path)) == null) {
                throw new NoSuchFileException(path.toString());
            }
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
            Node node = sysfs(path).node(fake(path));
            if (node == null) {
                throw new NoSuchFileException(path.toString());
            }
            boolean directory = node instanceof Dir;
            return (A) new BasicFileAttributes() {
                @Override
                public FileTime lastModifiedTime() {
                    return FileTime.fromMillis(0);
                }

                @Override
                public FileTime lastAccessTime() {
                    return FileTime.fromMillis(0);
                }

                @Override
                public FileTime creationTime() {
                    return FileTime.fromMillis(0);
                }

                @Override
                public boolean isRegularFile() {
                    return !directory;
                }

                @Override
                public boolean isDirectory() {
                    return directory;
                }

                @Override
                public boolean isSymbolicLink() {
                    return false;
                }

                @Override
                public boolean isOther() {
                    return false;
                }

                @Override
                public long size() {
                    return 4096;
                }

                @Override
                public Object fileKey() {
                    return null;
                }
            };
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
            throw new UnsupportedOperationException();
        }
    }

    private interface Commit {
        void accept(byte[] data) throws IOException;
    }

    /** Reads a snapshot, or collects writes and hands them over on close (one write syscall's worth). */
    private static final class Channel implements SeekableByteChannel {
        private final byte[] content;
        private final Commit commit;
        private byte[] written = new byte[0];
        private int position;
        private boolean open = true;

        Channel(byte[] content, Commit commit) {
            this.content = content;
            this.commit = commit;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (content == null) {
                throw new NonWritableChannelException();
            }
            if (position >= content.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), content.length - position);
            dst.put(content, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] grown = Arrays.copyOf(written, written.length + n);
            src.get(grown, written.length, n);
            written = grown;
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) newPosition;
            return this;
        }

        @Override
        public long size() {
            return content == null ? written.length : content.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            return this;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            if (open && commit != null) {
                open = false;
                commit.accept(written);
            }
            open = false;
        }
    }
}
