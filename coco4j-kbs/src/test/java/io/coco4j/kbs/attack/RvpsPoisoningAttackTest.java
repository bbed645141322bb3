package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ReferenceValueTesting;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.rvps.intoto.CanonicalJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RVPS poisoning: whoever can reach the reference-value API tries to register values the supply
 * chain never vouched for: unsigned or wrongly signed in-toto metadata, a product swapped under
 * genuine links, unsigned CoRIM and SWID manifests, or the unverified {@code sample} type. A
 * production KBS trusting one layout key refuses each with its own error, and the stored values
 * (one genuine registration) stay exactly as they were.
 * (Provider level: {@code InTotoVerifierTest}, {@code CorimExtractorTest}, {@code SwidExtractorTest}.)
 */
class RvpsPoisoningAttackTest {

    private static final String API = "/rvps/v0/reference-values";

    @TempDir
    Path dir;

    private TestKbs kbs;
    private String admin;
    private JsonNode genuine;

    @BeforeEach
    void start() throws Exception {
        kbs = ProductionKbs.start(dir, Optional.empty(), List.of(ReferenceValueTesting.vector("trustee/alice.pub")), false);
        admin = "Bearer " + kbs.adminToken();
        HttpResponse<byte[]> registered = kbs.post(API, ReferenceValueTesting.trusteeMessage(), "Authorization", admin);
        assertThat(registered.statusCode()).as(new String(registered.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        genuine = stored();
        assertThat(genuine).hasSize(1);
    }

    @AfterEach
    void stop() throws Exception {
        kbs.close();
    }

    private JsonNode stored() throws Exception {
        return Json.readTree(kbs.send("GET", API, null, "Authorization", admin).body());
    }

    private String poisonedBy(String message, String type) throws Exception {
        JsonNode refusal = assertRefused(kbs.post(API, message, "Authorization", admin), 400, type);
        assertThat(stored()).isEqualTo(genuine);
        assertThat(new String(kbs.send("GET", "/kbs/v0/reference-value/foo.tar.gz", null, "Authorization", admin).body(), StandardCharsets.UTF_8))
                .contains(ReferenceValueTesting.FOO_TAR_GZ);
        return refusal.get("detail").asText();
    }

    /** The genuine message with its layout edited. */
    private static String withLayout(Consumer<ObjectNode> edit) throws Exception {
        return ReferenceValueTesting.trusteeMessage(files -> {
            try {
                ObjectNode layout = (ObjectNode) Json.readTree(files.get("demo.layout"));
                edit.accept(layout);
                files.put("demo.layout", Json.writeBytes(layout));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void anUnsignedLayoutIsRefused() throws Exception {
        assertThat(poisonedBy(withLayout(layout -> layout.putArray("signatures")), "ProvenanceVerificationFailed")).contains("layout signature");
    }

    @Test
    void anEditedLayoutIsRefused() throws Exception {
        // a later expiry and no inspection: what a poisoner would change
        String message = withLayout(layout -> {
            ((ObjectNode) layout.get("signed")).put("expires", "2099-01-01T00:00:00Z");
            ((ObjectNode) layout.get("signed")).putArray("inspect");
        });
        assertThat(poisonedBy(message, "ProvenanceVerificationFailed")).contains("layout signature");
    }

    @Test
    void aLayoutSignedWithAnotherKeyUnderTheTrustedKeyIdIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        var attacker = generator.generateKeyPair();
        String message = withLayout(layout -> {
            try {
                ((ObjectNode) layout.get("signed")).put("expires", "2099-01-01T00:00:00Z");
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                pss.initSign(attacker.getPrivate());
                pss.update(CanonicalJson.encode(layout.get("signed")));
                ObjectNode signature = (ObjectNode) ((ArrayNode) layout.get("signatures")).get(0);
                signature.put("sig", HexFormat.of().formatHex(pss.sign()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(poisonedBy(message, "ProvenanceVerificationFailed")).contains("layout signature");
    }

    @Test
    void anotherProductUnderGenuineLinksIsRefused() throws Exception {
        String message = ReferenceValueTesting.trusteeMessage(files -> files.put("foo.tar.gz", "a different tarball".getBytes(StandardCharsets.UTF_8)));
        assertThat(poisonedBy(message, "ProvenanceVerificationFailed")).contains("artifact rule").contains("foo.tar.gz");
    }

    @Test
    void unsignedCorimAndSwidManifestsAreRefused() throws Exception {
        byte[] corim = Files.readAllBytes(TestVectors.resolve("rvps/unsigned-example-corim.cbor"));
        assertThat(poisonedBy("{\"version\":\"0.1.0\",\"type\":\"corim\",\"payload\":\"" + Base64.getEncoder().encodeToString(corim) + "\"}",
                "ProvenanceVerificationFailed")).contains("unsigned CoRIM refused");
        String rim = new String(Base64.getMimeDecoder().decode(Files.readAllBytes(TestVectors.resolve("rvps/test-rim.b64"))), StandardCharsets.UTF_8)
                .replaceAll("(?s)<ds:Signature.*</ds:Signature>", "");
        assertThat(poisonedBy("{\"version\":\"0.1.0\",\"type\":\"swid\",\"payload\":\""
                + Base64.getEncoder().encodeToString(rim.getBytes(StandardCharsets.UTF_8)) + "\"}", "ProvenanceVerificationFailed")).contains("XML signature");
    }

    @Test
    void theUnverifiedSampleTypeIsRefusedInProduction() throws Exception {
        String values = Base64.getEncoder().encodeToString("{\"foo.tar.gz\":[\"00\"],\"snp_snp_svn\":[0]}".getBytes(StandardCharsets.UTF_8));
        assertThat(poisonedBy("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + values + "\"}", "UnsupportedReferenceValueType"))
                .contains("sample");
    }
}
