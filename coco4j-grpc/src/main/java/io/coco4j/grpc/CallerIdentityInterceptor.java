package io.coco4j.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Puts the transport's view of the caller into the call's {@link Context} as a {@link CallerIdentity}. */
final class CallerIdentityInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Optional<X509Certificate> certificate = Optional.empty();
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session != null) {
            try {
                // present only when the client sent a certificate that the client CA verified
                Certificate[] peer = session.getPeerCertificates();
                if (peer.length > 0 && peer[0] instanceof X509Certificate x509) {
                    certificate = Optional.of(x509);
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate: an anonymous TLS caller
            }
        }
        CallerIdentity identity = new CallerIdentity(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), certificate);
        return Contexts.interceptCall(Context.current().withValue(CallerIdentity.CONTEXT_KEY, identity), call, headers, next);
    }
}
