package io.coco4j.kbs.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses {@code IP:port} socket strings as the reference does (Rust {@code SocketAddr}): an IPv4
 * literal or a bracketed IPv6 literal, never a host name, so that parsing never touches DNS.
 */
final class SocketAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private SocketAddresses() {
    }

    static InetAddress loopbackV4() {
        return literal(new byte[] {127, 0, 0, 1});
    }

    static Optional<InetSocketAddress> parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                return Optional.empty();
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!IPV6.matcher(host).matches() || !host.contains(":")) {
                return Optional.empty();
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            var ipv4 = IPV4.matcher(host);
            if (!ipv4.matches()) {
                return Optional.empty();
            }
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    return Optional.empty();
                }
            }
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        try {
            // Only literals reach this point, so no name lookup happens.
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(port)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
