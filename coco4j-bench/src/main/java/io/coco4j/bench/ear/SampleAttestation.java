package io.coco4j.bench.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.AttestationService;
import io.coco4j.as.InitDataInput;
import io.coco4j.as.RuntimeDataInput;
import io.coco4j.as.VerificationRequest;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.ear.SignerSettings;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.token.AttestationTokenVerifier;
import io.coco4j.kbs.token.TrustedCertificates;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.verifier.VerifierRegistry;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * One successful sample attestation through the real Attestation Service, set up as a KBS sets it up:
 * the token signer is a P-256 key with a self-signed certificate in a data directory, the KBS's token
 * verifier trusts that certificate, the RVPS holds reference values the sample evidence matches. The
 * benchmarks take their inputs (token, claims, annotated evidence) from it, so they measure what a
 * real handshake hands each step. A JMH state: benchmarks take it as a parameter of their set-up.
 */
@State(Scope.Benchmark)
public class SampleAttestation {

    private static final String NONCE = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /** Reference values the sample attester's evidence matches, so the appraisal is affirming. */
    private static final String SAMPLE_VALUES =
            "{\"launch_digest\":[\"abcde\"],\"svn\":[\"1\"],\"major_version\":1,\"minimum_minor_version\":4}";

    private Path dataRoot;
    private final MemoryStorage storage = new MemoryStorage();
    private BuiltinReferenceValueProvider referenceValues;
    private EarTokenBrokerSettings brokerSettings;
    private AttestationTokenVerifier verifier;
    private ObjectNode runtimeBinding;
    private String token;
    private JsonNode claims;

    @Setup(Level.Trial)
    public void attest() throws Exception {
        dataRoot = Files.createTempDirectory("coco4j-bench-ear");
        DataDirectory data = new DataDirectory(dataRoot);
        data.ensureTokenSigner();
        brokerSettings = EarTokenBrokerSettings.defaults()
                .withSigner(SignerSettings.key(data.tokenSignerKey()).withCertPath(data.tokenSignerCertificate()));
        referenceValues = BuiltinReferenceValueProvider.builder(new InMemoryReferenceValueStore())
                .extractor(new SampleExtractor()).build();
        referenceValues.register("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                + Base64.getEncoder().encodeToString(SAMPLE_VALUES.getBytes(StandardCharsets.UTF_8)) + "\"}");
        AttestationService service = AttestationService.create(storage, brokerSettings,
                VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT), referenceValues);

        RuntimeData runtimeData = new RuntimeData(NONCE, TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256).publicJwk());
        runtimeBinding = runtimeData.primaryBinding("");
        byte[] reportData = RuntimeData.digest(runtimeBinding, HashAlgorithm.SHA384);
        VerificationRequest request = new VerificationRequest(Tee.SAMPLE, new SampleAttester().evidence(reportData),
                RuntimeDataInput.structured(runtimeBinding), InitDataInput.NONE, HashAlgorithm.SHA384);
        token = service.evaluate(List.of(request), List.of("default"));

        // the KBS's verifier for its built-in AS: the signer's certificate is the trust anchor of the x5c path
        verifier = new AttestationTokenVerifier(TrustedCertificates.of(service.tokenSigner().certificateChain()),
                List.of(), false, Clock.systemUTC());
        claims = verifier.verify(token);
        String status = claims.at("/submods/cpu0/ear.status").asText();
        if (!status.equals("affirming")) {
            throw new IllegalStateException("the sample appraisal should be affirming, got '" + status + "'");
        }
    }

    public MemoryStorage storage() {
        return storage;
    }

    public BuiltinReferenceValueProvider referenceValues() {
        return referenceValues;
    }

    public EarTokenBrokerSettings brokerSettings() {
        return brokerSettings;
    }

    public AttestationTokenVerifier verifier() {
        return verifier;
    }

    /** {@code {"nonce","tee-pubkey","additional-evidence"}} as bound into the report. */
    public ObjectNode runtimeBinding() {
        return runtimeBinding.deepCopy();
    }

    /** The signed EAR token. */
    public String token() {
        return token;
    }

    /** The token's verified claims: the resource policy's input. */
    public JsonNode claims() {
        return claims.deepCopy();
    }

    /** The annotated evidence of the token's {@code cpu0} submod: the attestation policy's input. */
    public ObjectNode annotatedEvidence() {
        return (ObjectNode) claims.at("/submods/cpu0/ear.veraison.annotated-evidence").deepCopy();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        referenceValues.close();
        try (var files = Files.walk(dataRoot)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
