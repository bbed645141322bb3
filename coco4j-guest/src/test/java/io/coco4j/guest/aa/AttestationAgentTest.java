package io.coco4j.guest.aa;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.attester.SampleDeviceAttester;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.tee.Tee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttestationAgentTest {

    @TempDir
    Path dir;

    @Test
    void evidenceIsTheAttestersJsonOfTheRuntimeDataAsGiven() throws Exception {
        AttestationAgent agent = AttestationAgent.builder().attester(new SampleAttester()).build();
        byte[] evidence = agent.getEvidence("abc".getBytes());
        assertThat(new String(evidence, StandardCharsets.UTF_8)).isEqualTo("{\"svn\":\"1\",\"report_data\":\"YWJj\"}");
        assertThat(agent.getAdditionalEvidence("abc".getBytes())).isEmpty();
        assertThat(agent.teeType()).isEqualTo(Tee.SAMPLE);
        assertThat(agent.additionalTees()).isEmpty();
        assertThat(agent.bindInitData(new byte[48])).isEqualTo(InitDataBinding.UNSUPPORTED);
    }

    @Test
    void additionalEvidenceIsKeyedByDeviceTee() throws Exception {
        AttestationAgent agent = AttestationAgent.builder().attester(new SampleAttester())
                .deviceAttesters(List.of(new SampleDeviceAttester())).build();
        assertThat(new String(agent.getAdditionalEvidence(new byte[]{1}), StandardCharsets.UTF_8))
                .isEqualTo("{\"sampledevice\":{\"svn\":\"2\",\"report_data\":\"AQ==\"}}");
        assertThat(agent.additionalTees()).containsExactly(Tee.SAMPLE_DEVICE);
    }

    @Test
    void tokenTypesAndMissingConfiguration() throws Exception {
        AttestationAgent agent = AttestationAgent.builder().attester(new SampleAttester()).build();
        assertThatThrownBy(() -> agent.getToken("oidc")).isInstanceOf(AttestationAgentException.class)
                .hasMessage("unsupported token type 'oidc' (supported: kbs, coco_as)")
                .satisfies(e -> assertThat(((AttestationAgentException) e).callerError()).isTrue());
        assertThatThrownBy(() -> agent.getToken("kbs")).hasMessageContaining("no KBS is configured");
        assertThatThrownBy(() -> agent.getToken("coco_as")).hasMessageContaining("no attestation service is configured");
    }

    @Test
    void cocoAsTokensPostEvidenceWithEmptyRuntimeData() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        HttpServer as = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        as.createContext("/attestation", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] token = "header.payload.signature".getBytes();
            exchange.sendResponseHeaders(200, token.length);
            exchange.getResponseBody().write(token);
            exchange.close();
        });
        as.start();
        try {
            AaConfig config = AaConfig.parse("[token_configs.coco_as]\nurl = \"http://127.0.0.1:" + as.getAddress().getPort() + "/\"\n", true);
            AttestationAgent agent = AttestationAgent.builder().attester(new SampleAttester()).config(config).build();
            assertThat(new String(agent.getToken("coco_as"), StandardCharsets.UTF_8)).isEqualTo("header.payload.signature");
            JsonNode request = Json.readTree(body.get());
            assertThat(request.get("verification_requests").get(0).get("tee").asText()).isEqualTo("sample");
            String evidence = new String(Base64.getUrlDecoder().decode(request.get("verification_requests").get(0).get("evidence").asText()),
                    StandardCharsets.UTF_8);
            assertThat(evidence).isEqualTo("{\"svn\":\"1\",\"report_data\":\"\"}");
            assertThat(request.get("policy_ids").isArray()).isTrue();
        } finally {
            as.stop(0);
        }
    }

    /** Registers recorded in memory: what the TEE would have extended. */
    private static final class RecordingRegisters implements RuntimeMeasurement {
        final List<String> extensions = new ArrayList<>();

        @Override
        public HashAlgorithm algorithm() {
            return HashAlgorithm.SHA384;
        }

        @Override
        public int registerFor(long pcrIndex) {
            return pcrIndex == 17 ? 4 : 1;
        }

        @Override
        public void extend(long pcrIndex, byte[] digest) {
            extensions.add(pcrIndex + ":" + HexFormat.of().formatHex(digest));
        }
    }

    private static Attester measuringSample(RecordingRegisters registers) {
        return new Attester() {
            @Override
            public Tee tee() {
                return Tee.SAMPLE;
            }

            @Override
            public JsonNode evidence(byte[] reportData) {
                return new SampleAttester().evidence(reportData);
            }

            @Override
            public Optional<RuntimeMeasurement> runtimeMeasurement() {
                return Optional.of(registers);
            }
        };
    }

    @Test
    void runtimeMeasurementsAreLoggedAsTcg2RecordsAndExtended() throws Exception {
        RecordingRegisters registers = new RecordingRegisters();
        Path log = dir.resolve("run/attestation-agent/eventlog");
        AttestationAgent agent = AttestationAgent.builder().attester(measuringSample(registers))
                .config(AaConfig.empty().withEventLog(new AaConfig.EventLogConfig(17, true))).eventLogPath(log).build();

        String domain = "github.com/confidential-containers";
        String content = "{\"image\":\"docker.io/library/busybox:latest\", \"digest\":\"sha256:0\"}";
        assertThat(agent.extendRuntimeMeasurement(domain, "PullImage", content, OptionalLong.empty()))
                .isEqualTo(AttestationAgent.MeasurementOutcome.OK);

        byte[] text = (domain + " PullImage " + content).getBytes(StandardCharsets.UTF_8);
        byte[] tagged = ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN).putInt(0x4141454C).putInt(text.length).put(text).array();
        byte[] digest = MessageDigest.getInstance("SHA-384").digest(tagged);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(HexFormat.of().parseHex("04000000" + "06000000" + "01000000" + "0c00"));
        expected.writeBytes(digest);
        expected.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(tagged.length).array());
        expected.writeBytes(tagged);
        assertThat(Files.readAllBytes(log)).isEqualTo(expected.toByteArray());
        assertThat(registers.extensions).containsExactly("17:" + HexFormat.of().formatHex(digest));

        agent.extendRuntimeMeasurement("d", "o", "c", OptionalLong.of(2));
        assertThat(registers.extensions).hasSize(2).last().asString().startsWith("2:");
        assertThat(Files.size(log)).isGreaterThan(expected.size());

        assertThatThrownBy(() -> agent.extendRuntimeMeasurement("d", "o", "two\nlines", OptionalLong.empty()))
                .hasMessageContaining("newline").satisfies(e -> assertThat(((AttestationAgentException) e).callerError()).isTrue());
        assertThatThrownBy(() -> agent.extendRuntimeMeasurement("a domain", "o", "c", OptionalLong.empty())).hasMessageContaining("words");
        assertThat(registers.extensions).hasSize(2);
    }

    @Test
    void measurementOutcomesWithoutALog() throws Exception {
        AttestationAgent off = AttestationAgent.builder().attester(measuringSample(new RecordingRegisters())).build();
        assertThat(off.extendRuntimeMeasurement("d", "o", "c", OptionalLong.empty())).isEqualTo(AttestationAgent.MeasurementOutcome.NOT_ENABLED);
        AttestationAgent unsupported = AttestationAgent.builder().attester(new SampleAttester())
                .config(AaConfig.empty().withEventLog(new AaConfig.EventLogConfig(17, true))).eventLogPath(dir.resolve("log")).build();
        assertThat(unsupported.extendRuntimeMeasurement("d", "o", "c", OptionalLong.empty()))
                .isEqualTo(AttestationAgent.MeasurementOutcome.NOT_SUPPORTED);
    }

    @Test
    void attesterFailuresBecomeAgentFailures() throws Exception {
        Attester broken = new Attester() {
            @Override
            public Tee tee() {
                return Tee.SNP;
            }

            @Override
            public JsonNode evidence(byte[] reportData) throws EvidenceException {
                throw new EvidenceException("no /dev/sev-guest");
            }
        };
        AttestationAgent agent = AttestationAgent.builder().attester(broken).build();
        assertThatThrownBy(() -> agent.getEvidence(new byte[0])).hasMessage("the snp attester failed: no /dev/sev-guest");
    }
}
