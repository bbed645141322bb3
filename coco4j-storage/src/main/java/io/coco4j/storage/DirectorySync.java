package io.coco4j.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Makes changes to directory entries survive a power cut, not only a process crash: a new file
 * name (a rename, a link), a removed one, a new directory is durable once the directory holding
 * the entry is fsynced. Platforms without POSIX file semantics cannot open a directory to sync it;
 * there renames are still atomic, only not forced to disk.
 */
final class DirectorySync {

    private static final boolean SUPPORTED = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DirectorySync() {
    }

    /** Forces the entries of {@code directory} to disk. */
    static void sync(Path directory) throws IOException {
        if (!SUPPORTED) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Creates {@code directory} with its missing parents, each synced into the directory that holds it. */
    static void create(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = directory.toAbsolutePath().normalize(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        Files.createDirectories(directory);
        for (Path created : missing) {
            sync(created.getParent());
        }
    }
}
