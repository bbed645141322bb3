package io.coco4j.kbs.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * How the KBS listens: the sockets, TLS material (absent only for plain HTTP, which must be asked
 * for), the body and header limits and the TLS protocol floor.
 */
public record HttpSettings(List<InetSocketAddress> sockets, Optional<TlsMaterial> tls, long maxBodyBytes,
                           List<String> tlsProtocols, int requestHeaderBytes) {

    /** Headers carry EAR tokens that reach tens of KiB; the reference documents a 128 KiB head limit. */
    public static final int REQUEST_HEADER_BYTES = 256 * 1024;

    /** With the default header limit. */
    public HttpSettings(List<InetSocketAddress> sockets, Optional<TlsMaterial> tls, long maxBodyBytes, List<String> tlsProtocols) {
        this(sockets, tls, maxBodyBytes, tlsProtocols, REQUEST_HEADER_BYTES);
    }

    public HttpSettings {
        sockets = List.copyOf(sockets);
        tlsProtocols = List.copyOf(tlsProtocols);
        if (sockets.isEmpty()) {
            throw new IllegalArgumentException("no socket to listen on");
        }
    }

    /** The same settings with another request header limit ({@code limits.request_header_size}). */
    public HttpSettings withRequestHeaderBytes(int bytes) {
        return new HttpSettings(sockets, tls, maxBodyBytes, tlsProtocols, bytes);
    }

    public boolean https() {
        return tls.isPresent();
    }
}
