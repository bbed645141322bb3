package io.coco4j.guest.ttrpc;

import java.nio.file.Path;

/** Socket addresses as the reference's daemons write them: {@code unix:///path/to.sock}, or a bare path. */
public final class TtrpcAddress {

    public static final String UNIX_SCHEME = "unix://";

    private TtrpcAddress() {
    }

    /** Whether an address names a Unix-domain socket (and so ttRPC) rather than {@code host:port}. */
    public static boolean isUnix(String address) {
        return address.startsWith(UNIX_SCHEME) || address.startsWith("/");
    }

    /** The socket path of a {@code unix://} address or an absolute path. */
    public static Path socketPath(String address) {
        String path = address.startsWith(UNIX_SCHEME) ? address.substring(UNIX_SCHEME.length()) : address;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not a Unix socket address (expected unix:///absolute/path): " + address);
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the socket path contains a NUL character");
        }
        return Path.of(path);
    }
}
