package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.ReferenceValue;
import io.coco4j.rvps.Registration;
import io.coco4j.rvps.intoto.InTotoVerificationException.Failure;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-toto vectors: the trustee demo (metablock, RSA-PSS) and the in-toto reference demo (metablock and DSSE). */
class InTotoVectorsTest {

    private static final String FOO_TAR_GZ = "52947cb78b91ad01fe81cd6aef42d1f6817e92b9e6936c1e5aabb7c98514f355";
    private static final String FOO_PY = "74dc3727c6e89308b39e4dfedf787e37841198b1fa165a27c013544a60502549";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
    private final InTotoVectorsTest.Rvps rvps = new Rvps();

    /** An RVPS whose store the test can look into. */
    final class Rvps {
        final InMemoryReferenceValueStore store = new InMemoryReferenceValueStore();

        BuiltinReferenceValueProvider trusting(InTotoKey... keys) {
            return BuiltinReferenceValueProvider.builder(store)
                    .extractor(new InTotoExtractor(Optional.of(LayoutTrust.anyOf(List.of(keys))), clock)).clock(clock).build();
        }
    }

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve("in-toto/" + path));
    }

    private static InTotoKey key(String path) throws Exception {
        return InTotoKey.fromFile(TestVectors.resolve("in-toto/" + path));
    }

    /** The trustee chain with foo.tar.gz and the foo.py its untar inspection would produce. */
    private static Map<String, byte[]> trusteeFiles() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo.layout", vector("trustee/demo.layout"));
        files.put("write-code.b7d643de.link", vector("trustee/write-code.b7d643de.link"));
        files.put("package.d3ffd108.link", vector("trustee/package.d3ffd108.link"));
        byte[] tarball = vector("trustee/foo.tar.gz");
        files.put("foo.tar.gz", tarball);
        files.put("foo.py", InTotoMessages.untar(tarball).get("foo.py"));
        return files;
    }

    @Test
    void keyIdsAreComputedAsInToto() throws Exception {
        assertThat(key("trustee/alice.pub").keyId()).isEqualTo("70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680");
        assertThat(key("in-toto-demo/bob.pub").keyId()).isEqualTo("776a00e29f3559e0141b3b096f696abc6cfb0c657ab40f441132b345b08453f5");
        assertThat(key("in-toto-demo/carl.pub").keyId()).isEqualTo("2f89b9272acfc8f4a0a0f094d789fdb0ba798b0fe41f2f5f417c12f0085ff498");
        assertThat(key("in-toto-demo/danny.pub").scheme()).isEqualTo("ed25519");
    }

    @Test
    void theTrusteeDemoVerifiesAndYieldsTheFinalProduct() throws Exception {
        Registration registration = rvps.trusting(key("trustee/alice.pub")).submit(InTotoMessages.message(trusteeFiles()));

        assertThat(registration.names()).containsExactly("foo.tar.gz");
        assertThat(registration.expiration()).isEqualTo(Instant.parse("2030-11-18T16:06:36Z"));
        ReferenceValue value = rvps.store.get("foo.tar.gz").orElseThrow();
        assertThat(value.value()).isEqualTo(Json.readTree("[\"" + FOO_TAR_GZ + "\"]"));
        assertThat(value.version()).isEqualTo("0.1.0");
        assertThat(value.provenance().provider()).isEqualTo("in-toto");
        assertThat(value.provenance().signerKeyIds()).containsExactly("70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680");
        assertThat(rvps.trusting(key("trustee/alice.pub")).query("foo.tar.gz")).isPresent();
    }

    @Test
    void withoutTheInspectionsProductsTheUntarRuleCannotBeEvaluated() throws Exception {
        Map<String, byte[]> files = trusteeFiles();
        files.remove("foo.py");
        assertThatThrownBy(() -> rvps.trusting(key("trustee/alice.pub")).register(InTotoMessages.message(files)))
                .isInstanceOfSatisfying(InTotoVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.INSPECTION_NOT_EVALUABLE))
                .hasMessageContaining("inspection 'untar' products rule 'MATCH foo.py WITH PRODUCTS FROM write-code'");
        assertThat(rvps.store.list()).isEmpty();
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        Map<String, byte[]> files = trusteeFiles();
        String link = new String(files.get("package.d3ffd108.link"), StandardCharsets.UTF_8);
        files.put("package.d3ffd108.link", link.replace("\"stderr\": \"a foo.py\\n\"", "\"stderr\": \"a foo.py and more\\n\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(files.get("package.d3ffd108.link")).isNotEqualTo(vector("trustee/package.d3ffd108.link"));
        assertRefused(files, key("trustee/alice.pub"), Failure.LINK_SIGNATURE, "step 'package'");
    }

    @Test
    void aWrongLayoutKeyIsRefused() throws Exception {
        assertRefused(trusteeFiles(), key("in-toto-demo/bob.pub"), Failure.LAYOUT_SIGNATURE, "signed by 70ca5750");
    }

    @Test
    void aKeyInThePayloadNeverMakesTheLayoutTrusted() throws Exception {
        Map<String, byte[]> files = trusteeFiles();
        files.put("alice.pub", vector("trustee/alice.pub"));
        assertRefused(files, key("in-toto-demo/bob.pub"), Failure.LAYOUT_SIGNATURE, "trusted: 776a00e2");
    }

    @Test
    void anExpiredLayoutIsRefused() throws Exception {
        clock.set(Instant.parse("2030-11-18T16:06:36Z"));
        assertRefused(trusteeFiles(), key("trustee/alice.pub"), Failure.LAYOUT_EXPIRED, "2030-11-18T16:06:36Z");
    }

    @Test
    void aMissingLinkIsRefused() throws Exception {
        Map<String, byte[]> files = trusteeFiles();
        files.remove("write-code.b7d643de.link");
        assertRefused(files, key("trustee/alice.pub"), Failure.LINK_MISSING, "write-code.b7d643de.link");
    }

    @Test
    void aTamperedArtifactViolatesTheInspectionsMatchAndDisallowRules() throws Exception {
        Map<String, byte[]> files = trusteeFiles();
        byte[] tarball = files.get("foo.tar.gz").clone();
        tarball[tarball.length - 1] ^= 1;
        files.put("foo.tar.gz", tarball);
        assertRefused(files, key("trustee/alice.pub"), Failure.ARTIFACT_RULE,
                "inspection 'untar' materials rule 'DISALLOW foo.tar.gz' forbids foo.tar.gz (it did not satisfy 'MATCH foo.tar.gz WITH PRODUCTS FROM package'");
    }

    /** The reference's demo layout template, with an expiry, signed by a key of the test's own (alice's private key is not public). */
    private static ObjectNode demoLayout() throws Exception {
        ObjectNode layout = (ObjectNode) Json.readTree(vector("in-toto-demo/demo.layout.template")).get("signed");
        layout.put("expires", "2031-01-01T00:00:00Z");
        return layout;
    }

    private static Map<String, byte[]> demoFiles(String dir, byte[] layout) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("root.layout", layout);
        files.put("write-code.776a00e2.link", vector(dir + "/write-code.776a00e2.link"));
        files.put("package.2f89b927.link", vector(dir + "/package.2f89b927.link"));
        byte[] tarball = vector("in-toto-demo/foo.tar.gz");
        files.put("foo.tar.gz", tarball);
        files.put("foo.py", InTotoMessages.untar(tarball).get("foo.py"));
        return files;
    }

    @Test
    void theInTotoDemoVerifiesWithMetablockLinks() throws Exception {
        InTotoSigner.Key owner = InTotoSigner.rsa();
        Registration registration = rvps.trusting(owner.trusted())
                .submit(InTotoMessages.message(demoFiles("in-toto-demo", InTotoSigner.metablock(demoLayout(), owner))));
        assertThat(registration.names()).containsExactly("foo.tar.gz");
        assertThat(rvps.store.get("foo.tar.gz").orElseThrow().value().get(0).asText()).isEqualTo(FOO_TAR_GZ);
        assertThat(registration.warnings()).isEmpty();
    }

    @Test
    void theInTotoDemoVerifiesWithDsseEnvelopes() throws Exception {
        InTotoSigner.Key owner = InTotoSigner.ed25519();
        Registration registration = rvps.trusting(owner.trusted())
                .submit(InTotoMessages.message(demoFiles("in-toto-demo-dsse", InTotoSigner.dsse(demoLayout(), owner))));
        assertThat(registration.names()).containsExactly("foo.tar.gz");
        assertThat(rvps.store.get("foo.tar.gz").orElseThrow().value().get(0).asText()).isEqualTo(FOO_TAR_GZ);
    }

    @Test
    void theUnsignedDemoTemplateIsRefused() throws Exception {
        Map<String, byte[]> files = demoFiles("in-toto-demo-dsse", vector("in-toto-demo-dsse/demo.layout.template"));
        assertRefused(files, key("in-toto-demo/bob.pub"), Failure.LAYOUT_SIGNATURE, "has 0");
    }

    @Test
    void theWriteCodeProductIsWhatThePackageStepConsumed() throws Exception {
        assertThat(Json.readTree(vector("trustee/write-code.b7d643de.link")).at("/signed/products/foo.py/sha256").asText()).isEqualTo(FOO_PY);
    }

    private void assertRefused(Map<String, byte[]> files, InTotoKey trusted, Failure failure, String detail) throws Exception {
        String message = InTotoMessages.message(files);
        assertThatThrownBy(() -> rvps.trusting(trusted).register(message))
                .isInstanceOfSatisfying(InTotoVerificationException.class, e -> assertThat(e.failure()).isEqualTo(failure))
                .hasMessageContaining(detail);
        assertThat(rvps.store.list()).isEmpty();
    }
}
