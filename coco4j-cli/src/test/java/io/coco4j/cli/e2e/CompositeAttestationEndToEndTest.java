package io.coco4j.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.cli.serve.ServeCommand;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.attester.SampleDeviceAttester;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.guest.kbs.KbsClientException;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sample CPU and two {@code sampledevice} GPUs attest in one handshake through the guest client
 * against a {@code serve --dev} KBS: the token has {@code cpu0}, {@code gpu0} and {@code gpu1}. A man
 * in the middle who removes one device report or swaps it for another session's is refused.
 */
class CompositeAttestationEndToEndTest {

    @TempDir
    Path dir;

    private KbsServer kbs;
    private String url;

    @BeforeEach
    void serve() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--dev", "--listen", "127.0.0.1:0", "--data-dir", dir.resolve("data").toString());
        kbs = serve.start();
        url = kbs.baseUrls().get(0).toString();
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private static KbsClient client(String url) {
        return KbsClient.builder().url(url).attester(new SampleAttester())
                .addDeviceAttester(new SampleDeviceAttester()).addDeviceAttester(new SampleDeviceAttester())
                .handshakeRetryDelay(Duration.ofMillis(10)).build();
    }

    /** Rewrites the device map inside an Attestation body. */
    private static UnaryOperator<String> devices(java.util.function.Consumer<ArrayNode> change) {
        return body -> {
            try {
                ObjectNode attestation = (ObjectNode) Json.readTree(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ObjectNode evidence = (ObjectNode) attestation.get("tee-evidence");
                ObjectNode devices = (ObjectNode) Json.readTree(evidence.get("additional_evidence").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                change.accept((ArrayNode) devices.get("sampledevice"));
                evidence.put("additional_evidence", Json.write(devices));
                return Json.write(attestation);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Test
    void oneHandshakeGivesATokenWithTheCpuAndBothGpus() throws Exception {
        JsonNode claims = client(url).getToken().token().claims();
        JsonNode submods = claims.get("submods");
        assertThat(submods.has("cpu0")).isTrue();
        assertThat(submods.has("gpu0")).isTrue();
        assertThat(submods.has("gpu1")).isTrue();
        assertThat(submods.size()).isEqualTo(3);
        assertThat(submods.get("gpu1").at("/ear.veraison.annotated-evidence/sampledevice/svn").asText()).isEqualTo("2");
        assertThat(submods.get("gpu0").get("ear.appraisal-policy-id").asText()).isEqualTo("default");
    }

    @Test
    void removingOneDeviceReportFailsTheHandshake() throws Exception {
        try (RewritingProxy proxy = new RewritingProxy(url, devices(list -> list.remove(1)))) {
            assertThatThrownBy(() -> client(proxy.url()).getToken()).isInstanceOf(KbsClientException.class);
        }
    }

    @Test
    void swappingADeviceReportForAnotherSessionsFailsTheHandshake() throws Exception {
        String foreign = java.util.Base64.getEncoder().encodeToString(new byte[48]);
        try (RewritingProxy proxy = new RewritingProxy(url, devices(list -> ((ObjectNode) list.get(1)).put("report_data", foreign)))) {
            assertThatThrownBy(() -> client(proxy.url()).getToken()).isInstanceOf(KbsClientException.class);
        }
    }

    @Test
    void theUntouchedBodyPassesThroughTheProxy() throws Exception {
        try (RewritingProxy proxy = new RewritingProxy(url, UnaryOperator.identity())) {
            assertThat(client(proxy.url()).getToken().token().claims().get("submods").size()).isEqualTo(3);
        }
    }
}
