package io.coco4j.rvps.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.grpc.GrpcChannels;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.rvps.RvpsException;
import io.coco4j.rvps.grpc.proto.ReferenceValueQueryRequest;
import io.coco4j.rvps.grpc.proto.ReferenceValueQueryResponse;
import io.coco4j.rvps.grpc.proto.ReferenceValueRegisterRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** An RVPS reached over gRPC ({@code rvps_config.type = "GrpcRemote"}): coco4j's listener or the reference's RVPS. */
public final class GrpcReferenceValueProvider implements ReferenceValueProvider, AutoCloseable {

    /** The reference's query timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ManagedChannel channel;
    private final String address;

    private GrpcReferenceValueProvider(ManagedChannel channel, String address) {
        this.channel = channel;
        this.address = address;
    }

    /** @param address {@code host:port}, {@code http://host:port} or {@code https://host:port} */
    public static GrpcReferenceValueProvider connect(String address, Optional<GrpcChannels.ClientTls> tls) throws IOException {
        return new GrpcReferenceValueProvider(GrpcChannels.open(address, tls), address);
    }

    private CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<JsonNode> query(String name) throws RvpsException {
        ReferenceValueQueryResponse response;
        try {
            response = ClientCalls.blockingUnaryCall(channel, ReferenceValueProviderMethods.QUERY, options(),
                    ReferenceValueQueryRequest.newBuilder().setReferenceValueId(name).build());
        } catch (StatusRuntimeException e) {
            throw new RemoteRvpsException("the RVPS at " + address + " refused the query: " + GrpcChannels.describeFailure(e), e);
        }
        if (!response.hasReferenceValueResults() || response.getReferenceValueResults().isEmpty()) {
            return Optional.empty(); // older servers send "" for "no value"
        }
        try {
            return Optional.of(Json.readTree(response.getReferenceValueResults()));
        } catch (IOException e) {
            throw new RemoteRvpsException("the RVPS at " + address + " answered a value that is not JSON", e);
        }
    }

    @Override
    public void register(String messageJson) throws RvpsException {
        try {
            ClientCalls.blockingUnaryCall(channel, ReferenceValueProviderMethods.REGISTER, options(),
                    ReferenceValueRegisterRequest.newBuilder().setMessage(messageJson).build());
        } catch (StatusRuntimeException e) {
            throw new RemoteRvpsException("the RVPS at " + address + " refused the registration: " + GrpcChannels.describeFailure(e), e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    /** The remote RVPS refused or could not be reached. */
    public static final class RemoteRvpsException extends RvpsException {
        RemoteRvpsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
