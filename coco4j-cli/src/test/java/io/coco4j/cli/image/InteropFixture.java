package io.coco4j.cli.image;

import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.testing.Processes;
import io.coco4j.image.testing.TestImages;
import io.coco4j.image.testing.Tools;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the interop tests share: the coco4j command as a child process, the Go ocicrypt driver, key files. */
final class InteropFixture {

    /** Debian's Go sources (GOPATH layout) with ocicrypt ≥ 1.1, whose key-provider support the tests need. */
    static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final Path OCICRYPT_KEYPROVIDER = GOPATH.resolve("src/github.com/containers/ocicrypt/keywrap/keyprovider");

    private InteropFixture() {
    }

    /** {@code java -cp <test classpath> io.coco4j.cli.Main ARGS}: the coco4j command as another process runs it. */
    static List<String> coco4j(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.coco4j.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Builds the Go ocicrypt driver (cached under target/) or skips/fails as {@link Tools} does. */
    static Path goDriver() throws Exception {
        Path go = Tools.require("go");
        if (!Files.isDirectory(OCICRYPT_KEYPROVIDER)) {
            String why = "Go ocicrypt >= 1.1 sources are not installed (golang-github-containers-ocicrypt-dev from bookworm-backports; "
                    + "./run-tests installs it when that suite is configured)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + "; required when CI=true");
            }
            System.err.println("*** SKIPPING GO OCICRYPT INTEROP TESTS: " + why + " ***");
            throw new TestAbortedException(why);
        }
        Path target = Path.of("target").toAbsolutePath();
        Path driver = target.resolve("ocicrypt-driver/ocicrypt-driver");
        Path source = Path.of("src/test/go/ocicrypt-driver/main.go").toAbsolutePath();
        if (!Files.isExecutable(driver) || Files.getLastModifiedTime(driver).compareTo(Files.getLastModifiedTime(source)) < 0) {
            Files.createDirectories(driver.getParent());
            List<String> build = List.of(go.toString(), "build", "-o", driver.toString(), source.toString());
            Processes.run(build, target, Map.of("GOPATH", GOPATH.toString(), "GO111MODULE", "off", "GOFLAGS", "",
                    "GOCACHE", target.resolve("ocicrypt-driver/cache").toString(), "HOME", target.toString()), null, 600)
                    .requireSuccess(build);
        }
        return driver;
    }

    static void writeKeyPair(java.security.KeyPair pair, Path publicPem, Path privatePem) throws Exception {
        Files.writeString(publicPem, ImageCommandsTest.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(privatePem, ImageCommandsTest.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    static java.security.KeyPair rsa() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static java.security.KeyPair ec() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static List<String> layerDigests(Path layout, String tag) throws Exception {
        return TestImages.layers(layout, tag).stream().map(Descriptor::digest).map(Object::toString).toList();
    }
}
