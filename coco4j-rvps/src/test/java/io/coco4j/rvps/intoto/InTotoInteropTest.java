package io.coco4j.rvps.intoto;

import io.coco4j.protocol.testing.ExternalTools;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.Registration;
import io.coco4j.rvps.intoto.InTotoVerificationException.Failure;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Interoperability with the reference in-toto implementation (Debian's in-toto 1.3 tools): the
 * tools make fresh keys (Ed25519 owner, RSA and ECDSA functionaries), a layout (built with the
 * {@code in_toto} Python package and signed by {@code in-toto-sign}) and links ({@code in-toto-run});
 * coco4j and {@code in-toto-verify} must agree on the good chain and on tampered ones.
 */
class InTotoInteropTest {

    private static final String LAYOUT_SCRIPT = """
            from in_toto.models.layout import Layout, Step, Inspection
            from in_toto.models.metadata import Metablock
            from securesystemslib.interface import import_rsa_publickey_from_file, import_ecdsa_publickey_from_file
            builder = import_rsa_publickey_from_file("builder.pub")
            packager = import_ecdsa_publickey_from_file("packager.pub")
            layout = Layout()
            layout.set_relative_expiration(months=1)
            layout.add_functionary_key(builder)
            layout.add_functionary_key(packager)
            write = Step(name="write-code")
            write.pubkeys = [builder["keyid"]]
            write.add_product_rule_from_string("CREATE foo.py")
            write.add_product_rule_from_string("DISALLOW *")
            package = Step(name="package")
            package.pubkeys = [packager["keyid"]]
            package.set_expected_command_from_string("tar zcvf foo.tar.gz foo.py")
            package.add_material_rule_from_string("MATCH foo.py WITH PRODUCTS FROM write-code")
            package.add_material_rule_from_string("DISALLOW *")
            package.add_product_rule_from_string("CREATE foo.tar.gz")
            package.add_product_rule_from_string("ALLOW foo.py")
            package.add_product_rule_from_string("DISALLOW *")
            untar = Inspection(name="untar")
            untar.set_run_from_string("tar xzf foo.tar.gz")
            untar.add_material_rule_from_string("MATCH foo.tar.gz WITH PRODUCTS FROM package")
            untar.add_material_rule_from_string("DISALLOW foo.tar.gz")
            untar.add_product_rule_from_string("MATCH foo.py WITH PRODUCTS FROM write-code")
            layout.steps = [write, package]
            layout.inspect = [untar]
            Metablock(signed=layout).dump("root.layout")
            """;

    @TempDir
    Path work;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final InMemoryReferenceValueStore store = new InMemoryReferenceValueStore();

    private record Run(int exitCode, String output) {
    }

    private Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private void mustRun(String... command) throws Exception {
        Run run = run(command);
        assertThat(run.exitCode()).as(String.join(" ", command) + "\n" + run.output()).isZero();
    }

    @BeforeEach
    void makeTheSupplyChain() throws Exception {
        for (String tool : List.of("in-toto-keygen", "in-toto-run", "in-toto-sign", "in-toto-verify", "tar")) {
            ExternalTools.require(tool, "in-toto");
        }
        Path python = ExternalTools.require("/usr/bin/python3", "python3");
        mustRun("in-toto-keygen", "-t", "ed25519", "owner");
        mustRun("in-toto-keygen", "-t", "rsa", "-b", "2048", "builder");
        mustRun("in-toto-keygen", "-t", "ecdsa", "packager");
        Files.writeString(work.resolve("make_layout.py"), LAYOUT_SCRIPT);
        mustRun(python.toString(), "make_layout.py");
        Files.delete(work.resolve("make_layout.py"));
        mustRun("in-toto-sign", "-f", "root.layout", "-k", "owner", "-t", "ed25519", "-o", "root.layout");

        Files.writeString(work.resolve("foo.py"), "print('hello from the supply chain')\n");
        mustRun("in-toto-run", "-n", "write-code", "-k", "builder", "-t", "rsa", "-p", "foo.py", "-x");
        mustRun("in-toto-run", "-n", "package", "-k", "packager", "-t", "ecdsa", "-m", "foo.py", "-p", "foo.tar.gz",
                "--", "tar", "zcvf", "foo.tar.gz", "foo.py");
    }

    /** What coco4j receives: every layout, link and artifact file of the work folder (the keys stay home). */
    private String message() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> listing = Files.list(work)) {
            for (Path file : listing.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".layout") || name.endsWith(".link") || name.equals("foo.py") || name.equals("foo.tar.gz")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        }
        return InTotoMessages.message(files);
    }

    private BuiltinReferenceValueProvider coco4j() throws Exception {
        LayoutTrust trust = LayoutTrust.allOf(List.of(InTotoKey.fromFile(work.resolve("owner.pub"))));
        return BuiltinReferenceValueProvider.builder(store).extractor(new InTotoExtractor(Optional.of(trust), clock)).clock(clock).build();
    }

    private Run inTotoVerify() throws Exception {
        // in-toto-verify runs the inspection (tar xzf) itself, in the work folder
        return run("in-toto-verify", "-l", "root.layout", "--layout-keys", "owner.pub", "--key-types", "ed25519");
    }

    private List<String> linkFiles() throws IOException {
        List<String> links = new ArrayList<>();
        try (Stream<Path> listing = Files.list(work)) {
            listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".link")).sorted().forEach(links::add);
        }
        return links;
    }

    @Test
    void bothAcceptTheGoodChainAndCoco4jRegistersTheTarball() throws Exception {
        assertThat(linkFiles()).hasSize(2);
        String message = message();
        Registration registration = coco4j().submit(message);
        assertThat(registration.names()).containsExactly("foo.tar.gz");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(work.resolve("foo.tar.gz"))));
        assertThat(store.get("foo.tar.gz").orElseThrow().value().get(0).asText()).isEqualTo(digest);
        assertThat(registration.expiration()).isAfter(Instant.now().plusSeconds(27L * 24 * 3600));

        Run reference = inTotoVerify();
        assertThat(reference.exitCode()).as(reference.output()).isZero();
    }

    /** Rewrites a metadata file with one member of its signed part changed, the signature kept. */
    private void tamper(Path file, String pointer, String newValue) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode metadata =
                (com.fasterxml.jackson.databind.node.ObjectNode) io.coco4j.protocol.json.Json.readTree(Files.readAllBytes(file));
        com.fasterxml.jackson.core.JsonPointer path = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
        com.fasterxml.jackson.databind.node.ObjectNode parent = (com.fasterxml.jackson.databind.node.ObjectNode) metadata.at(path.head());
        assertThat(parent.get(path.last().getMatchingProperty()).asText()).isNotEqualTo(newValue);
        parent.put(path.last().getMatchingProperty(), newValue);
        Files.write(file, io.coco4j.protocol.json.Json.writeBytes(metadata));
    }

    @Test
    void bothRefuseATamperedLink() throws Exception {
        Path link = work.resolve(linkFiles().stream().filter(n -> n.startsWith("package.")).findFirst().orElseThrow());
        tamper(link, "/signed/products/foo.tar.gz/sha256", "0".repeat(64));

        String message = message();
        assertThatThrownBy(() -> coco4j().register(message))
                .isInstanceOfSatisfying(InTotoVerificationException.class, e -> assertThat(e.failure()).isEqualTo(Failure.LINK_SIGNATURE));
        Run reference = inTotoVerify();
        assertThat(reference.exitCode()).as(reference.output()).isNotZero();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void bothRefuseATamperedLayout() throws Exception {
        tamper(work.resolve("root.layout"), "/signed/expires", "2099-01-01T00:00:00Z");

        String message = message();
        assertThatThrownBy(() -> coco4j().register(message))
                .isInstanceOfSatisfying(InTotoVerificationException.class, e -> assertThat(e.failure()).isEqualTo(Failure.LAYOUT_SIGNATURE));
        assertThat(inTotoVerify().exitCode()).isNotZero();
    }

    @Test
    void bothRefuseATarballReplacedAfterPackaging() throws Exception {
        Files.writeString(work.resolve("other.py"), "print('not what was reviewed')\n");
        mustRun("tar", "zcf", "foo.tar.gz", "other.py");
        Files.delete(work.resolve("other.py"));

        String message = message();
        assertThatThrownBy(() -> coco4j().register(message))
                .isInstanceOfSatisfying(InTotoVerificationException.class, e -> assertThat(e.failure()).isEqualTo(Failure.ARTIFACT_RULE))
                .hasMessageContaining("DISALLOW foo.tar.gz");
        assertThat(inTotoVerify().exitCode()).isNotZero();
    }

    @Test
    void bothRefuseALayoutSignedByAnotherKey() throws Exception {
        mustRun("in-toto-keygen", "-t", "ed25519", "mallory");
        mustRun("in-toto-sign", "-f", "root.layout", "-k", "mallory", "-t", "ed25519", "-o", "root.layout");
        String message = message();
        assertThatThrownBy(() -> coco4j().register(message))
                .isInstanceOfSatisfying(InTotoVerificationException.class, e -> assertThat(e.failure()).isEqualTo(Failure.LAYOUT_SIGNATURE));
        assertThat(inTotoVerify().exitCode()).isNotZero();
    }
}
