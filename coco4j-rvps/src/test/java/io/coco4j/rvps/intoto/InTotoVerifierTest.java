package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;
import io.coco4j.rvps.Registration;
import io.coco4j.rvps.intoto.InTotoSigner.Key;
import io.coco4j.rvps.intoto.InTotoSigner.LayoutBuilder;
import io.coco4j.rvps.intoto.InTotoVerificationException.Failure;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.coco4j.rvps.intoto.InTotoSigner.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every check of the verifier on supply chains the test builds, signed with each supported key type. */
class InTotoVerifierTest {

    private static final Instant EXPIRES = Instant.parse("2031-01-01T00:00:00Z");
    private static Key owner;
    private static Key alice;
    private static Key bob;
    private static Key carl;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
    private final InMemoryReferenceValueStore store = new InMemoryReferenceValueStore();

    @BeforeAll
    static void keys() throws Exception {
        owner = InTotoSigner.rsa();
        alice = InTotoSigner.ed25519();
        bob = InTotoSigner.ecdsa();
        carl = InTotoSigner.rsa();
    }

    static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private BuiltinReferenceValueProvider rvps(LayoutTrust trust) {
        return BuiltinReferenceValueProvider.builder(store).extractor(new InTotoExtractor(Optional.of(trust), clock)).clock(clock).build();
    }

    private Registration register(Map<String, byte[]> files, Key... trusted) throws Exception {
        List<InTotoKey> keys = new java.util.ArrayList<>();
        for (Key key : trusted) {
            keys.add(key.trusted());
        }
        return rvps(LayoutTrust.anyOf(keys)).submit(InTotoMessages.message(files));
    }

    private void refused(Map<String, byte[]> files, Failure failure, String detail) throws Exception {
        assertThatThrownBy(() -> register(files, owner))
                .isInstanceOfSatisfying(InTotoVerificationException.class, e -> assertThat(e.failure()).isEqualTo(failure))
                .hasMessageContaining(detail);
        assertThat(store.list()).isEmpty();
    }

    /** write-code (alice) creates src.py; build (bob) turns it into app.bin; the owner signs the layout. */
    private static LayoutBuilder twoSteps() {
        return new LayoutBuilder(EXPIRES)
                .step("write-code", 1, List.of(), List.of(), List.of(rule("CREATE", "src.py"), rule("DISALLOW", "*")), alice)
                .step("build", 1, List.of("make"), List.of(rule("MATCH", "src.py", "WITH", "PRODUCTS", "FROM", "write-code"),
                                rule("DISALLOW", "*")),
                        List.of(rule("CREATE", "app.bin"), rule("ALLOW", "src.py"), rule("DISALLOW", "*")), bob);
    }

    private static Map<String, byte[]> files(ObjectNode layout, Map<String, byte[]> links) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("root.layout", InTotoSigner.metablock(layout, owner));
        files.putAll(links);
        return files;
    }

    private static Map<String, byte[]> honestLinks() throws Exception {
        Map<String, byte[]> links = new LinkedHashMap<>();
        links.put("write-code." + alice.shortId() + ".link",
                InTotoSigner.metablock(InTotoSigner.link("write-code", Map.of(), Map.of("src.py", sha256("print(1)")), List.of()), alice));
        links.put("build." + bob.shortId() + ".link", InTotoSigner.dsse(InTotoSigner.link("build", Map.of("src.py", sha256("print(1)")),
                Map.of("app.bin", sha256("binary"), "src.py", sha256("print(1)")), List.of("make")), bob));
        return links;
    }

    @Test
    void anHonestChainSignedWithRsaEd25519AndEcdsaRegistersItsFinalProducts() throws Exception {
        Registration registration = register(files(twoSteps().build(), honestLinks()), owner);
        assertThat(registration.names()).containsExactly("app.bin", "src.py");
        assertThat(store.get("app.bin").orElseThrow().value().get(0).asText()).isEqualTo(sha256("binary"));
        assertThat(registration.expiration()).isEqualTo(EXPIRES);
        assertThat(registration.warnings()).isEmpty();
    }

    @Test
    void aLayoutSignedWithAnEcdsaOrEd25519KeyVerifies() throws Exception {
        for (Key signer : List.of(alice, bob)) {
            Map<String, byte[]> files = new LinkedHashMap<>(honestLinks());
            files.put("root.layout", InTotoSigner.dsse(twoSteps().build(), signer));
            assertThat(register(files, signer).names()).containsExactly("app.bin", "src.py");
        }
    }

    @Test
    void aSuppliedFinalProductMustMatchTheLinks() throws Exception {
        Map<String, byte[]> files = files(twoSteps().build(), honestLinks());
        files.put("app.bin", "binary".getBytes(StandardCharsets.UTF_8));
        assertThat(register(files, owner).names()).contains("app.bin");
        store.delete("app.bin");
        store.delete("src.py");
        files.put("app.bin", "trojan".getBytes(StandardCharsets.UTF_8));
        refused(files, Failure.ARTIFACT_MISMATCH, "the supplied app.bin");
    }

    @Test
    void aMaterialThatDoesNotMatchItsSourceIsCaughtByDisallow() throws Exception {
        Map<String, byte[]> links = honestLinks();
        links.put("build." + bob.shortId() + ".link", InTotoSigner.metablock(InTotoSigner.link("build",
                Map.of("src.py", sha256("print(2)")), Map.of("app.bin", sha256("binary")), List.of("make")), bob));
        refused(files(twoSteps().build(), links), Failure.ARTIFACT_RULE,
                "step 'build' materials rule 'DISALLOW *' forbids src.py (it did not satisfy 'MATCH src.py WITH PRODUCTS FROM write-code'");
    }

    @Test
    void anUnexpectedProductIsCaughtByDisallow() throws Exception {
        Map<String, byte[]> links = honestLinks();
        links.put("write-code." + alice.shortId() + ".link", InTotoSigner.metablock(InTotoSigner.link("write-code", Map.of(),
                Map.of("src.py", sha256("print(1)"), "backdoor.py", sha256("evil")), List.of()), alice));
        refused(files(twoSteps().build(), links), Failure.ARTIFACT_RULE, "step 'write-code' products rule 'DISALLOW *' forbids backdoor.py");
    }

    @Test
    void createDeleteModifyAndRequireFollowTheLinkContents() throws Exception {
        ObjectNode layout = new LayoutBuilder(EXPIRES)
                .step("edit", 1, List.of(), List.of(rule("REQUIRE", "keep.txt"), rule("ALLOW", "*")),
                        List.of(rule("MODIFY", "changed.txt"), rule("CREATE", "new.txt"), rule("DELETE", "gone.txt"),
                                rule("ALLOW", "keep.txt"), rule("DISALLOW", "*")), alice)
                .build();
        Map<String, String> materials = Map.of("keep.txt", sha256("k"), "changed.txt", sha256("v1"), "gone.txt", sha256("g"));
        Map<String, String> products = Map.of("keep.txt", sha256("k"), "changed.txt", sha256("v2"), "new.txt", sha256("n"));
        Map<String, byte[]> files = files(layout, Map.of("edit." + alice.shortId() + ".link",
                InTotoSigner.metablock(InTotoSigner.link("edit", materials, products, List.of()), alice)));
        assertThat(register(files, owner).names()).containsExactly("changed.txt", "keep.txt", "new.txt");
        store.list().forEach(v -> store.delete(v.name()));

        // "changed.txt" unchanged: MODIFY does not consume it, DISALLOW * then forbids it
        Map<String, String> unchanged = new LinkedHashMap<>(products);
        unchanged.put("changed.txt", sha256("v1"));
        refused(files(layout, Map.of("edit." + alice.shortId() + ".link",
                        InTotoSigner.metablock(InTotoSigner.link("edit", materials, unchanged, List.of()), alice))),
                Failure.ARTIFACT_RULE, "DISALLOW *' forbids changed.txt");

        // REQUIRE names a material that is absent
        Map<String, String> noKeep = new LinkedHashMap<>(materials);
        noKeep.remove("keep.txt");
        refused(files(layout, Map.of("edit." + alice.shortId() + ".link",
                        InTotoSigner.metablock(InTotoSigner.link("edit", noKeep, products, List.of()), alice))),
                Failure.ARTIFACT_RULE, "REQUIRE keep.txt': keep.txt is not among the materials");
    }

    @Test
    void matchRulesApplySourceAndDestinationPrefixes() throws Exception {
        ObjectNode layout = new LayoutBuilder(EXPIRES)
                .step("fetch", 1, List.of(), List.of(), List.of(rule("ALLOW", "vendor/*")), alice)
                .step("pack", 1, List.of(), List.of(rule("MATCH", "*.c", "IN", "src", "WITH", "PRODUCTS", "IN", "vendor", "FROM", "fetch"),
                        rule("DISALLOW", "*")), List.of(rule("ALLOW", "*")), bob)
                .build();
        Map<String, byte[]> links = Map.of(
                "fetch." + alice.shortId() + ".link", InTotoSigner.metablock(InTotoSigner.link("fetch", Map.of(),
                        Map.of("vendor/a.c", sha256("a"), "vendor/sub/b.c", sha256("b")), List.of()), alice),
                "pack." + bob.shortId() + ".link", InTotoSigner.metablock(InTotoSigner.link("pack",
                        Map.of("src/a.c", sha256("a"), "src/sub/b.c", sha256("b")), Map.of("out.tar", sha256("t")), List.of()), bob));
        assertThat(register(files(layout, links), owner).names()).containsExactly("out.tar");
    }

    @Test
    void thresholdsNeedEnoughValidLinksThatAgree() throws Exception {
        ObjectNode layout = new LayoutBuilder(EXPIRES)
                .step("build", 2, List.of(), List.of(), List.of(rule("ALLOW", "*")), alice, bob, carl)
                .build();
        byte[] byAlice = InTotoSigner.metablock(InTotoSigner.link("build", Map.of(), Map.of("app", sha256("x")), List.of()), alice);
        byte[] byBob = InTotoSigner.metablock(InTotoSigner.link("build", Map.of(), Map.of("app", sha256("x")), List.of()), bob);
        String aliceLink = "build." + alice.shortId() + ".link";
        String bobLink = "build." + bob.shortId() + ".link";

        assertThat(register(files(layout, Map.of(aliceLink, byAlice, bobLink, byBob)), owner).names()).containsExactly("app");
        store.delete("app");

        // one link where two are needed
        refused(files(layout, Map.of(aliceLink, byAlice)), Failure.LINK_MISSING, "step 'build' needs 2 link(s)");
        // two links, but bob's file is signed by carl: a missing threshold signature
        byte[] byCarlAsBob = InTotoSigner.metablock(InTotoSigner.link("build", Map.of(), Map.of("app", sha256("x")), List.of()), carl);
        refused(files(layout, Map.of(aliceLink, byAlice, bobLink, byCarlAsBob)), Failure.LINK_SIGNATURE,
                "validly signed by its functionaries, has 1");
        // two valid links that disagree
        byte[] bobDiffers = InTotoSigner.metablock(InTotoSigner.link("build", Map.of(), Map.of("app", sha256("y")), List.of()), bob);
        refused(files(layout, Map.of(aliceLink, byAlice, bobLink, bobDiffers)), Failure.THRESHOLD_MISMATCH, "different materials or products");
    }

    @Test
    void aLinkMustBeForItsStep() throws Exception {
        Map<String, byte[]> links = honestLinks();
        links.put("write-code." + alice.shortId() + ".link",
                InTotoSigner.metablock(InTotoSigner.link("other", Map.of(), Map.of("src.py", sha256("print(1)")), List.of()), alice));
        refused(files(twoSteps().build(), links), Failure.MALFORMED, "is a link for step 'other'");
    }

    @Test
    void aDifferentCommandIsAWarning() throws Exception {
        Map<String, byte[]> links = honestLinks();
        links.put("build." + bob.shortId() + ".link", InTotoSigner.metablock(InTotoSigner.link("build", Map.of("src.py", sha256("print(1)")),
                Map.of("app.bin", sha256("binary")), List.of("make", "-j8")), bob));
        Registration registration = register(files(twoSteps().build(), links), owner);
        assertThat(registration.warnings()).singleElement().asString().contains("step 'build' ran [make, -j8]").contains("expects [make]");
    }

    @Test
    void layoutSignatureThresholds() throws Exception {
        Map<String, byte[]> files = files(twoSteps().build(), honestLinks());
        LayoutTrust both = LayoutTrust.allOf(List.of(owner.trusted(), carl.trusted()));
        assertThatThrownBy(() -> rvps(both).register(InTotoMessages.message(files)))
                .isInstanceOfSatisfying(InTotoVerificationException.class, e -> assertThat(e.failure()).isEqualTo(Failure.LAYOUT_SIGNATURE))
                .hasMessageContaining("needs valid signatures by 2 trusted layout key(s), has 1");
        files.put("root.layout", InTotoSigner.metablock(twoSteps().build(), owner, carl));
        assertThat(rvps(both).submit(InTotoMessages.message(files)).names()).containsExactly("app.bin", "src.py");
    }

    @Test
    void aSignatureOverOtherBytesIsRejected() throws Exception {
        ObjectNode layout = twoSteps().build();
        byte[] signed = InTotoSigner.metablock(layout, owner);
        String tampered = new String(signed, StandardCharsets.UTF_8).replace("2031-01-01T00:00:00Z", "2099-01-01T00:00:00Z");
        Map<String, byte[]> files = files(layout, honestLinks());
        files.put("root.layout", tampered.getBytes(StandardCharsets.UTF_8));
        refused(files, Failure.LAYOUT_SIGNATURE, "has 0");
    }

    @Test
    void sublayoutsAreVerifiedWithTheFunctionarysKey() throws Exception {
        // carl's sublayout for step "build": one step "compile" by bob
        ObjectNode sublayout = new LayoutBuilder(EXPIRES.minusSeconds(3600))
                .step("compile", 1, List.of(), List.of(rule("ALLOW", "*")), List.of(rule("ALLOW", "*")), bob)
                .build();
        ObjectNode layout = new LayoutBuilder(EXPIRES)
                .step("write-code", 1, List.of(), List.of(), List.of(rule("CREATE", "src.py")), alice)
                .step("build", 1, List.of(), List.of(rule("MATCH", "src.py", "WITH", "PRODUCTS", "FROM", "write-code"), rule("DISALLOW", "*")),
                        List.of(rule("CREATE", "app.bin"), rule("DISALLOW", "*")), carl)
                .build();
        Map<String, byte[]> links = new LinkedHashMap<>();
        links.put("write-code." + alice.shortId() + ".link",
                InTotoSigner.metablock(InTotoSigner.link("write-code", Map.of(), Map.of("src.py", sha256("print(1)")), List.of()), alice));
        links.put("build." + carl.shortId() + ".link", InTotoSigner.metablock(sublayout, carl));
        links.put("build." + carl.shortId() + "/compile." + bob.shortId() + ".link", InTotoSigner.metablock(
                InTotoSigner.link("compile", Map.of("src.py", sha256("print(1)")), Map.of("app.bin", sha256("binary")), List.of("cc")), bob));
        Registration registration = register(files(layout, links), owner);
        assertThat(registration.names()).containsExactly("app.bin");
        assertThat(registration.expiration()).isEqualTo(EXPIRES.minusSeconds(3600)); // the sublayout expires first

        // the sublayout signed by someone else than the functionary
        Map<String, byte[]> forged = new LinkedHashMap<>(links);
        forged.put("build." + carl.shortId() + ".link", InTotoSigner.metablock(sublayout, alice));
        store.delete("app.bin");
        refused(files(layout, forged), Failure.LINK_SIGNATURE, "step 'build'");
        // a sublayout link missing
        Map<String, byte[]> missing = new LinkedHashMap<>(links);
        missing.remove("build." + carl.shortId() + "/compile." + bob.shortId() + ".link");
        refused(files(layout, missing), Failure.LINK_MISSING, "build." + carl.shortId() + "/compile." + bob.shortId() + ".link");
    }

    @Test
    void inspectionRulesAreEvaluatedAgainstSuppliedArtifactsOnly() throws Exception {
        ObjectNode matching = twoSteps()
                .inspection("check", List.of("rm", "-rf", "/"), List.of(rule("MATCH", "app.bin", "WITH", "PRODUCTS", "FROM", "build"),
                        rule("DISALLOW", "app.bin")), List.of(rule("ALLOW", "*")))
                .build();
        Map<String, byte[]> files = files(matching, honestLinks());
        files.put("app.bin", "binary".getBytes(StandardCharsets.UTF_8));
        assertThat(register(files, owner).names()).contains("app.bin"); // and nothing was run
        store.list().forEach(v -> store.delete(v.name()));

        ObjectNode creating = twoSteps()
                .inspection("unpack", List.of("tar", "xf", "app.bin"), List.of(), List.of(rule("CREATE", "*")))
                .build();
        Map<String, byte[]> withCreate = files(creating, honestLinks());
        withCreate.put("app.bin", "binary".getBytes(StandardCharsets.UTF_8));
        refused(withCreate, Failure.INSPECTION_NOT_EVALUABLE, "inspection 'unpack' products rule 'CREATE *'");
    }

    @Test
    void noTrustedKeysMeansNoRegistration() throws Exception {
        BuiltinReferenceValueProvider untrusting = BuiltinReferenceValueProvider.builder(store)
                .extractor(new InTotoExtractor(Optional.empty(), clock)).clock(clock).build();
        assertThatThrownBy(() -> untrusting.register(InTotoMessages.message(files(twoSteps().build(), honestLinks()))))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("trusted_layout_keys");
    }

    @Test
    void malformedPayloadsAreRefused() throws Exception {
        BuiltinReferenceValueProvider rvps = rvps(LayoutTrust.anyOf(List.of(owner.trusted())));
        for (String payload : List.of("not json", "[]", "{\"version\":\"1.0\",\"files\":{}}", "{\"files\":[]}",
                "{\"files\":{}}", "{\"files\":{\"a.layout\":\"!!\"}}", "{\"files\":{\"../x.layout\":\"e30=\"}}",
                "{\"files\":{\"a.layout\":\"e30=\",\"b.layout\":\"e30=\"}}")) {
            String message = io.coco4j.protocol.json.Json.write(InTotoSigner.F.objectNode().put("type", "in-toto").put("payload", payload));
            assertThatThrownBy(() -> rvps.register(message)).as(payload).isInstanceOf(InvalidMessageException.class);
        }
        Map<String, byte[]> notALayout = new LinkedHashMap<>();
        notALayout.put("root.layout", "{\"signed\":{\"_type\":\"link\"},\"signatures\":[]}".getBytes(StandardCharsets.UTF_8));
        refused(notALayout, Failure.MALFORMED, "not a layout");
    }

    @Test
    void canonicalJsonEscapesOnlyBackslashAndQuote() throws Exception {
        ObjectNode node = InTotoSigner.F.objectNode();
        node.put("b", "line\nbreak \"quoted\" back\\slash ü");
        node.put("a", 1);
        node.putArray("c").add(true).addNull();
        assertThat(new String(CanonicalJson.encode(node), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1,\"b\":\"line\nbreak \\\"quoted\\\" back\\\\slash ü\",\"c\":[true,null]}");
        assertThatThrownBy(() -> CanonicalJson.encode(InTotoSigner.F.numberNode(1.5))).isInstanceOf(InTotoFormatException.class);
    }

    @Test
    void fnmatchPatternsBehaveAsInPython() {
        assertThat(PathPattern.of("*").matches("dir/file")).isTrue();
        assertThat(PathPattern.of("*.py").matches("a/b.py")).isTrue();
        assertThat(PathPattern.of("?.py").matches("ab.py")).isFalse();
        assertThat(PathPattern.of("[ab].py").matches("b.py")).isTrue();
        assertThat(PathPattern.of("[!ab].py").matches("b.py")).isFalse();
        assertThat(PathPattern.of("[x").matches("[x")).isTrue();
        assertThat(PathPattern.of("a.(py)").matches("a.(py)")).isTrue();
        assertThat(PathPattern.of("FOO").matches("foo")).isFalse();
    }

    @Test
    void malformedRulesAreRefused() {
        for (List<String> bad : List.of(List.of("MATCH", "x"), List.of("MATCH", "x", "WITH", "THINGS", "FROM", "s"),
                List.of("ALLOW"), List.of("ALLOW", "a", "b"), List.of("EXECUTE", "x"),
                List.of("MATCH", "x", "WITH", "PRODUCTS", "FROM", "s", "extra"))) {
            com.fasterxml.jackson.databind.node.ArrayNode node = InTotoSigner.F.arrayNode();
            bad.forEach(node::add);
            assertThatThrownBy(() -> ArtifactRule.parse(node, "step")).as(bad.toString()).isInstanceOf(InTotoFormatException.class);
        }
    }
}
