package io.coco4j.guest.rpc;

/** A gRPC listen or connect address: {@code host:port}, IPv6 hosts in brackets; {@code tcp://} or {@code http://} prefixes allowed. */
public record GrpcAddress(String host, int port) {

    public static GrpcAddress parse(String address) {
        String text = address;
        for (String prefix : new String[]{"tcp://", "http://", "grpc://"}) {
            if (text.startsWith(prefix)) {
                text = text.substring(prefix.length());
            }
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not a host:port address: '" + address + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a host:port address: '" + address + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + address + "'");
        }
        return new GrpcAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
