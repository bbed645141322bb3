package io.coco4j.kbs.attack;

import io.coco4j.kbs.config.AttestationServiceConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.verifier.VerifierRegistry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A production KBS with the shipped policies ({@code default_cpu}, the {@code affirming} resource
 * policy) and a built-in RVPS configured by the test: which in-toto layout keys it trusts and
 * whether the unverified {@code sample} provider is enabled.
 */
final class ProductionKbs {

    private ProductionKbs() {
    }

    static TestKbs start(Path dir, Optional<VerifierRegistry> verifiers, List<Path> layoutKeys, boolean enableSample) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig config = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        RvpsConfig.BuiltIn defaults = new RvpsConfig.BuiltIn(Optional.empty(), Optional.empty());
        RvpsConfig rvps = new RvpsConfig.BuiltIn(Optional.empty(), Optional.empty(), defaults.store(), layoutKeys, 1, enableSample,
                defaults.corim(), defaults.swid(), Optional.empty());
        AttestationServiceConfig as = config.attestationService();
        config = new KbsConfig(config.httpServer(), config.attestationToken(), new AttestationServiceConfig(as.type(), as.timeoutMinutes(),
                as.tokenBroker(), rvps, as.verifierConfig(), as.storageType(), as.remote()), config.admin(), config.storageBackend(),
                config.plugins(), config.sessionStorageType(), config.audit());
        KbsServer.Options options = new KbsServer.Options(config, ServerMode.PRODUCTION, data, List.of());
        return TestKbs.start(verifiers.map(options::withVerifiers).orElse(options));
    }

    /** A production KBS that accepts {@code sample} reference-value messages, for tests that only need values in place. */
    static TestKbs withSampleReferenceValues(Path dir, VerifierRegistry verifiers) throws Exception {
        return start(dir, Optional.of(verifiers), List.of(), true);
    }

    /** Registers {@code values} (a JSON object, name → value) through the RVPS API. */
    static void registerReferenceValues(TestKbs kbs, String values) throws Exception {
        String message = "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                + Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8)) + "\"}";
        HttpResponse<byte[]> response = kbs.post("/rvps/v0/reference-values", message, "Authorization", "Bearer " + kbs.adminToken());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    /** The appraisal status of the CPU submod of the token an attestation returned. */
    static String cpuStatus(HttpResponse<byte[]> attested) throws Exception {
        assertThat(attested.statusCode()).as(new String(attested.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        String token = io.coco4j.protocol.json.Json.readTree(attested.body()).get("token").asText();
        return TokenResigner.claims(token).at("/submods/cpu0/ear.status").asText();
    }
}
