package io.coco4j.guest.sdk;

import io.coco4j.guest.aa.AaConfig;
import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.Attesters;
import io.coco4j.guest.cdh.CdhConfig;
import io.coco4j.guest.cdh.ConfidentialDataHub;
import io.coco4j.guest.cdh.KbsResourceGetter;
import io.coco4j.guest.initdata.InitDataDocument;
import io.coco4j.guest.kbs.KbsConnection;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.ttrpc.TtrpcAddress;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point for confidential workloads:
 * <pre>{@code
 * try (Coco4jClient coco = Coco4j.client()) {
 *     byte[] key = coco.getResource("kbs:///default/db/password");
 * }
 * }</pre>
 * {@link #client()} uses the pod's Confidential Data Hub and Attestation Agent when their sockets
 * exist, and otherwise attests in-process to the KBS named by {@code COCO4J_KBS_URL}.
 */
public final class Coco4j {

    /** Overrides the CDH address (default: the CoCo socket path). */
    public static final String CDH_ADDRESS_ENV = "COCO4J_CDH_ADDRESS";
    /** Overrides the attestation agent address (default: the CoCo socket path). */
    public static final String AA_ADDRESS_ENV = "COCO4J_AA_ADDRESS";
    /** The KBS for in-process attestation. */
    public static final String KBS_URL_ENV = "COCO4J_KBS_URL";
    /** A PEM file of certificates to trust for the KBS's HTTPS (in-process mode). */
    public static final String KBS_CERT_ENV = "COCO4J_KBS_CERT";

    private Coco4j() {
    }

    /** A client chosen from the environment (see the class description). */
    public static Coco4jClient client() throws Coco4jException {
        return client(System.getenv(), Attesters.Platform.system());
    }

    static Coco4jClient client(Map<String, String> environment, Attesters.Platform platform) throws Coco4jException {
        String hub = environment.getOrDefault(CDH_ADDRESS_ENV, CdhConfig.DEFAULT_SOCKET);
        String agent = environment.getOrDefault(AA_ADDRESS_ENV, CdhConfig.DEFAULT_AA_SOCKET);
        if (environment.containsKey(CDH_ADDRESS_ENV) || socketExists(hub)) {
            return connect(hub, agent);
        }
        String kbs = environment.get(KBS_URL_ENV);
        if (kbs == null || kbs.isBlank()) {
            throw new Coco4jException("no Confidential Data Hub at " + hub + " and no " + KBS_URL_ENV + " for in-process attestation");
        }
        InProcess builder = inProcess().kbsUrl(kbs).attester(Attesters.detect(platform));
        String certificate = environment.get(KBS_CERT_ENV);
        if (certificate != null && !certificate.isBlank()) {
            try {
                builder.kbsCertificatePem(Files.readString(Path.of(certificate)));
            } catch (IOException e) {
                throw new Coco4jException("cannot read " + KBS_CERT_ENV + " " + certificate + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static boolean socketExists(String address) {
        return TtrpcAddress.isUnix(address) && Files.exists(TtrpcAddress.socketPath(address));
    }

    /** A client of a running CDH and attestation agent ({@code unix:///…} for ttRPC, {@code host:port} for gRPC). */
    public static Coco4jClient connect(String cdhAddress, String aaAddress) {
        return new RemoteClient(RpcClient.connect(cdhAddress), RpcClient.connect(aaAddress));
    }

    /** A builder for a client that attests in this process. */
    public static InProcess inProcess() {
        return new InProcess();
    }

    /** Settings of an in-process client: the KBS, the attester, and optionally init-data and a pinned certificate. */
    public static final class InProcess {

        private String kbsUrl;
        private String kbsCertificatePem;
        private Attester attester;
        private InitDataDocument initData;
        private TeeKeyAlgorithm teeKeyAlgorithm = TeeKeyAlgorithm.EC_P256;
        private Duration handshakeRetryDelay = Duration.ofSeconds(1);

        private InProcess() {
        }

        public InProcess kbsUrl(String url) {
            this.kbsUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Trust only these certificates for the KBS's HTTPS. */
        public InProcess kbsCertificatePem(String pem) {
            this.kbsCertificatePem = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /** The TEE attester; detected when not set. */
        public InProcess attester(Attester attester) {
            this.attester = Objects.requireNonNull(attester, "attester");
            return this;
        }

        public InProcess initData(InitDataDocument document) {
            this.initData = Objects.requireNonNull(document, "document");
            return this;
        }

        public InProcess teeKeyAlgorithm(TeeKeyAlgorithm algorithm) {
            this.teeKeyAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        public InProcess handshakeRetryDelay(Duration delay) {
            this.handshakeRetryDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public Coco4jClient build() throws Coco4jException {
            if (kbsUrl == null) {
                throw new IllegalStateException("the KBS URL is not set");
            }
            AaConfig.KbsToken kbs = new AaConfig.KbsToken(kbsUrl, Optional.ofNullable(kbsCertificatePem), teeKeyAlgorithm);
            AaConfig config = new AaConfig(Optional.of(kbs), Optional.empty(), AaConfig.EventLogConfig.DEFAULT);
            AttestationAgent.Builder agent = AttestationAgent.builder()
                    .attester(attester != null ? attester : Attesters.detect(Attesters.Platform.system()))
                    .config(config)
                    .handshakeRetryDelay(handshakeRetryDelay);
            if (initData != null) {
                agent.initData(initData);
            }
            KbsConnection.Builder connection = KbsConnection.builder();
            try {
                connection.url(kbsUrl);
                if (kbsCertificatePem != null) {
                    connection.trustedCertificatesPem(kbsCertificatePem);
                }
            } catch (IllegalArgumentException e) {
                throw new Coco4jException("unusable KBS settings: " + e.getMessage(), e);
            }
            AttestationAgent built;
            try {
                built = agent.build();
            } catch (IOException e) {
                throw new Coco4jException("cannot start the attestation agent: " + e.getMessage(), e);
            }
            ConfidentialDataHub hub = new ConfidentialDataHub(new KbsResourceGetter(connection.build(), () -> {
                try {
                    return built.kbsCredential();
                } catch (io.coco4j.guest.aa.AttestationAgentException e) {
                    throw new io.coco4j.guest.kbs.KbsProtocolException(e.getMessage());
                }
            }));
            return new InProcessClient(built, hub);
        }
    }
}
