package io.coco4j.image.unpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves names inside a rootfs as the container will see them: as if the rootfs were {@code /}.
 * {@code ..} stops at the root and symbolic links met on the way are followed within the rootfs
 * (an absolute target starts again at the rootfs), so no name can reach outside it.
 */
final class RootfsPaths {

    private static final int MAX_LINKS = 255;

    private final Path root;

    RootfsPaths(Path root) {
        this.root = root;
    }

    /** The clean components of a tar entry name; refuses names that climb above the rootfs. */
    static List<String> components(String name) throws PathEscapeException {
        if (name.indexOf('\0') >= 0) {
            throw new PathEscapeException("tar entry name contains a NUL byte");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new PathEscapeException("tar entry '" + printable(name) + "' climbs above the rootfs");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return parts;
    }

    /**
     * Where entry {@code components} lives on disk: the parents resolved through symbolic links
     * within the rootfs, the last component not followed (it is what the entry creates or replaces).
     */
    Path resolveEntry(List<String> components) throws IOException {
        if (components.isEmpty()) {
            return root;
        }
        Path parent = resolveFollowing(components.subList(0, components.size() - 1), 0);
        return parent.resolve(components.get(components.size() - 1));
    }

    /** A path with every component (including the last) followed within the rootfs: for hard-link targets. */
    Path resolveFully(List<String> components) throws IOException {
        return resolveFollowing(components, 0);
    }

    private Path resolveFollowing(List<String> components, int linksSoFar) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components);
        List<String> resolved = new ArrayList<>();
        int links = linksSoFar;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1); // ".." at the root stays at the root, as in a chroot
                }
                continue;
            }
            Path candidate = join(resolved).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new PathEscapeException("too many levels of symbolic links below " + printable(String.join("/", components)));
                }
                String target = Files.readSymbolicLink(candidate).toString();
                List<String> targetParts = new ArrayList<>(List.of(target.split("/")));
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
                continue;
            }
            resolved.add(part);
        }
        Path result = join(resolved);
        if (!result.normalize().startsWith(root)) {
            throw new PathEscapeException("path resolves outside the rootfs");
        }
        return result;
    }

    private Path join(List<String> parts) {
        Path path = root;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    /** Whether {@code path} exists as something other than a directory, without following links. */
    static boolean isNonDirectory(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    static String printable(String name) {
        String flat = name.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
