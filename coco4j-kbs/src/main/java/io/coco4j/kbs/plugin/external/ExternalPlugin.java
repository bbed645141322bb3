package io.coco4j.kbs.plugin.external;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.PluginRequest;
import io.coco4j.kbs.plugin.external.proto.PluginResponse;
import io.coco4j.protocol.error.KbsErrorType;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code external} plugin: {@code /kbs/v0/external/<backend>/<path…>} is forwarded to the gRPC
 * back-end named {@code <backend>} with that name stripped from the path. The back-end decides per
 * request whether an administrator or an attested guest may call (ValidateAuth) and whether its
 * answer is a secret to encrypt (NeedsEncryption); the KBS enforces both. A back-end status outside
 * 2xx becomes the reference's 401 PluginInternalError.
 */
public final class ExternalPlugin implements KbsPlugin, AutoCloseable {

    public static final String NAME = "external";
    private static final Logger LOG = LoggerFactory.getLogger(ExternalPlugin.class);

    record Connection(ExternalBackend backend, ManagedChannel channel) {
    }

    private final Map<String, Connection> connections;

    ExternalPlugin(Map<String, Connection> connections) {
        this.connections = Map.copyOf(connections);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean requiresAdmin(PluginRequest request) throws KbsApiException {
        Connection connection = connection(request);
        return call(connection, KbsPluginMethods.VALIDATE_AUTH, request).getRequiresAdminAuth();
    }

    @Override
    public boolean encryptsResponse(PluginRequest request) throws KbsApiException {
        Connection connection = connection(request);
        return call(connection, KbsPluginMethods.NEEDS_ENCRYPTION, request).getEncrypt();
    }

    @Override
    public byte[] handle(PluginRequest request) throws KbsApiException {
        Connection connection = connection(request);
        PluginResponse response = call(connection, KbsPluginMethods.HANDLE, request);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        if (status < 200 || status > 299) {
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "external backend '" + connection.backend().name()
                    + "' answered status " + status);
        }
        return response.getBody().toByteArray();
    }

    private Connection connection(PluginRequest request) throws KbsApiException {
        if (request.path().isEmpty()) {
            throw new KbsApiException(KbsErrorType.PLUGIN_NOT_FOUND, "the external plugin needs a backend name: /kbs/v0/external/<backend>/...");
        }
        Connection connection = connections.get(request.path().get(0));
        if (connection == null) {
            throw new KbsApiException(KbsErrorType.PLUGIN_NOT_FOUND, "no external backend '" + request.path().get(0) + "'");
        }
        return connection;
    }

    private static <R> R call(Connection connection, MethodDescriptor<io.coco4j.kbs.plugin.external.proto.PluginRequest, R> method,
                              PluginRequest request) throws KbsApiException {
        List<String> path = request.path().subList(1, request.path().size());
        io.coco4j.kbs.plugin.external.proto.PluginRequest forwarded = io.coco4j.kbs.plugin.external.proto.PluginRequest.newBuilder()
                .setMethod(request.method())
                .addAllPath(path)
                .putAllQuery(request.query())
                .setBody(com.google.protobuf.ByteString.copyFrom(request.body() == null ? new byte[0] : request.body()))
                .build();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(connection.backend().timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return ClientCalls.blockingUnaryCall(connection.channel(), method, options, forwarded);
        } catch (StatusRuntimeException e) {
            LOG.warn("external backend '{}' failed {}: {}", connection.backend().name(), method.getBareMethodName(), e.getStatus());
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "external backend '" + connection.backend().name()
                    + "' failed: " + e.getStatus().getCode(), e);
        }
    }

    @Override
    public void close() {
        for (Connection connection : connections.values()) {
            connection.channel().shutdownNow();
        }
    }
}
