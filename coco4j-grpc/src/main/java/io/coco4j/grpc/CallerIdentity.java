package io.coco4j.grpc;

import io.grpc.Context;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who is calling, as the transport saw it: the remote address and, over mutual TLS, the client
 * certificate that the listener verified against its client CA. Available to service code through
 * {@link #current()} while a call runs on a {@link GrpcListener}.
 */
public record CallerIdentity(SocketAddress remoteAddress, Optional<X509Certificate> clientCertificate) {

    static final Context.Key<CallerIdentity> CONTEXT_KEY = Context.key("coco4j-caller-identity");

    /** The caller of the call being served on this thread, or an anonymous remote caller outside a call. */
    public static CallerIdentity current() {
        CallerIdentity identity = CONTEXT_KEY.get();
        return identity != null ? identity : new CallerIdentity(null, Optional.empty());
    }

    /** Whether the call came from this machine's loopback interface. */
    public boolean isLoopback() {
        return remoteAddress instanceof InetSocketAddress inet && inet.getAddress() != null && inet.getAddress().isLoopbackAddress();
    }

    /** Whether the caller proved a certificate issued by the listener's client CA. */
    public boolean isMutuallyAuthenticated() {
        return clientCertificate.isPresent();
    }

    /** Whether the caller may change state (policies, reference values): on this machine, or authenticated by mutual TLS. */
    public boolean isLoopbackOrMutuallyAuthenticated() {
        return isLoopback() || isMutuallyAuthenticated();
    }

    /** For logs: the address and, if any, the certificate subject. */
    public String describe() {
        return (remoteAddress == null ? "unknown address" : remoteAddress.toString())
                + clientCertificate.map(c -> " (client certificate " + c.getSubjectX500Principal().getName() + ")").orElse("");
    }
}
