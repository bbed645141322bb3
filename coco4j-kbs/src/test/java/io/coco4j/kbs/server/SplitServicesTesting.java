package io.coco4j.kbs.server;

import io.coco4j.kbs.config.AttestationServerConfig;
import io.coco4j.kbs.config.AttestationServiceConfig;
import io.coco4j.kbs.config.AttestationServiceType;
import io.coco4j.kbs.config.AttestationTokenConfig;
import io.coco4j.kbs.config.GrpcListenerConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.ReferenceValueServerConfig;
import io.coco4j.kbs.config.RemoteAttestationServiceConfig;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.kbs.config.TokenBrokerConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Configurations of KBS, AS and RVPS deployed apart, on loopback ports the system picks. */
final class SplitServicesTesting {

    /** The sample TEE's reference values that make the default CPU policy affirm the B.1 guest. */
    static final String MATCHING_SAMPLE_VALUES =
            "{\"launch_digest\":[\"abcde\"],\"svn\":[\"1\"],\"major_version\":1,\"minimum_minor_version\":4}";

    private SplitServicesTesting() {
    }

    static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /**
     * The start of a KBS configuration file for a test: plain HTTP on a loopback port the system
     * picks, and the data directory's administrator key (generated when missing) for every admin endpoint.
     */
    static String kbsConfigStart(DataDirectory data) throws java.io.IOException {
        return ConfigFragments.loopbackAdmin(EmbeddedDefaults.ensureAdminKeys(data));
    }

    /** A stand-alone AS on loopback ports with its RVPS as given. */
    static AttestationServerConfig attestationServer(RvpsConfig rvps) {
        AttestationServerConfig defaults = AttestationServerConfig.defaults();
        return new AttestationServerConfig(Optional.empty(), Optional.empty(), TokenBrokerConfig.defaults(), rvps, Optional.empty(),
                defaults.httpServer().withSockets(List.of(anyLoopbackPort())), GrpcListenerConfig.plaintext(anyLoopbackPort()),
                Optional.empty());
    }

    /** A stand-alone RVPS on loopback ports, keeping its values in memory. */
    static ReferenceValueServerConfig referenceValueServer() {
        ReferenceValueServerConfig defaults = ReferenceValueServerConfig.defaults();
        RvpsConfig.BuiltIn rvps = defaults.rvps();
        return new ReferenceValueServerConfig(new RvpsConfig.BuiltIn(rvps.storageType(), rvps.extractors(), new RvpsConfig.Store.Memory(),
                rvps.trustedLayoutKeys(), rvps.layoutKeyThreshold(), rvps.enableSample(), rvps.corim(), rvps.swid(), rvps.grpc()),
                defaults.httpServer().withSockets(List.of(anyLoopbackPort())), GrpcListenerConfig.plaintext(anyLoopbackPort()),
                Optional.empty());
    }

    /** {@code base} with its attestation service at {@code 127.0.0.1:<grpcPort>}, trusting tokens that chain to {@code trustedCertificates}. */
    static KbsConfig withRemoteAs(KbsConfig base, int grpcPort, List<Path> trustedCertificates) {
        AttestationServiceConfig defaults = AttestationServiceConfig.defaults();
        AttestationServiceConfig remote = new AttestationServiceConfig(AttestationServiceType.COCO_AS_GRPC, defaults.timeoutMinutes(),
                defaults.tokenBroker(), defaults.rvpsConfig(), Optional.empty(), Optional.empty(),
                Optional.of(new RemoteAttestationServiceConfig.Grpc("http://127.0.0.1:" + grpcPort,
                        RemoteAttestationServiceConfig.Grpc.DEFAULT_POOL_SIZE)));
        return base.withAttestationService(remote)
                .withAttestationToken(new AttestationTokenConfig(trustedCertificates, List.of(), List.of(), false));
    }
}
