package io.coco4j.kbs.server;

import io.coco4j.grpc.GrpcListener;
import io.coco4j.kbs.config.GrpcListenerConfig;

import java.io.IOException;

/** Starts the gRPC listeners of the services as their {@code [grpc]} tables say. */
final class GrpcListeners {

    private GrpcListeners() {
    }

    /** A builder for the configured address and transport security; the caller adds the services. */
    static GrpcListener.Builder builder(GrpcListenerConfig settings) {
        GrpcListener.Builder builder = GrpcListener.builder(settings.listen());
        if (settings.tlsKey().isPresent()) {
            builder.tls(settings.tlsKey().get(), settings.tlsCert().orElseThrow());
        }
        settings.clientCa().ifPresent(builder::clientCa);
        return builder;
    }

    /** @param what the listener's name for the error, e.g. "the RVPS gRPC listener" */
    static GrpcListener start(GrpcListener.Builder builder, GrpcListenerConfig settings, String what) throws StartupException {
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot start " + what + " on " + settings.listen() + ": " + e.getMessage(), e);
        }
    }
}
