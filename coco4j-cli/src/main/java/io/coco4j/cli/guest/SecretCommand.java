package io.coco4j.cli.guest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.coco4j.guest.cdh.ResourceException;
import io.coco4j.guest.cdh.ResourceUris;
import io.coco4j.guest.secret.SealedSecret;
import io.coco4j.guest.secret.SecretPayload;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code coco4j secret}: make sealed secrets for the Confidential Data Hub. */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = "Sealed secrets: signed references to secrets that the Confidential Data Hub resolves inside the TEE.",
        subcommands = {SecretCommand.Seal.class, SecretCommand.Keygen.class})
public final class SecretCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code coco4j secret seal}: a vault secret signed with ES256. */
    @Command(name = "seal", sortOptions = false, mixinStandardHelpOptions = true,
            description = {"Print a sealed secret (sealed.<header>.<payload>.<signature>) that points to NAME, signed with "
                    + "the P-256 key in --signing-key. The CDH verifies it with the public JWK found under --key-id "
                    + "(a kbs:/// resource, or a file in its sealed-secret key directory), then fetches NAME from the provider."})
    public static final class Seal implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--key-id", required = true, paramLabel = "KID",
                description = "Where the CDH finds the verification key, e.g. kbs:///default/sealed-secret-keys/1.")
        String keyId;

        @Option(names = "--signing-key", required = true, paramLabel = "FILE",
                description = "The P-256 private key: a JWK (as written by 'coco4j secret keygen') or PEM.")
        Path signingKey;

        @Option(names = "--provider", paramLabel = "NAME", defaultValue = "kbs",
                description = "Where the secret lives (default: ${DEFAULT-VALUE}; then NAME is a kbs:/// resource URI).")
        String provider;

        @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Provider annotation (repeatable).")
        Map<String, String> annotations = new LinkedHashMap<>();

        @Option(names = "--provider-setting", paramLabel = "KEY=VALUE", description = "Provider setting (repeatable).")
        Map<String, String> settings = new LinkedHashMap<>();

        @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name, e.g. kbs:///default/db/password.")
        String name;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (provider.equalsIgnoreCase("kbs")) {
                try {
                    ResourceUris.parse(name);
                } catch (ResourceException e) {
                    return fail(err, 2, e.getMessage());
                }
            }
            ECPrivateKey key;
            try {
                key = readSigningKey(signingKey);
            } catch (IOException e) {
                return fail(err, 1, e.getMessage());
            }
            ObjectNode annotationNode = JsonNodeFactory.instance.objectNode();
            annotations.forEach(annotationNode::put);
            ObjectNode settingNode = JsonNodeFactory.instance.objectNode();
            settings.forEach(settingNode::put);
            try {
                String sealed = SealedSecret.seal(new SecretPayload.Vault(name, provider, settingNode, annotationNode), keyId, key);
                PrintWriter out = spec.commandLine().getOut();
                out.println(sealed);
                out.flush();
                return 0;
            } catch (GeneralSecurityException e) {
                return fail(err, 1, "cannot sign: " + e.getMessage());
            }
        }
    }

    /** {@code coco4j secret keygen}: a P-256 signing key pair as JWKs. */
    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Write a P-256 signing key pair: signing-key.jwk (private, mode 0600) for 'secret seal', and "
                    + "signing-key.pub.jwk (public) to publish under the sealed secrets' key id."})
    public static final class Keygen implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Output directory (default: current).")
        Path out;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                ECKey key = new ECKeyGenerator(Curve.P_256).generate();
                Files.createDirectories(out);
                Path privateFile = out.resolve("signing-key.jwk");
                Path publicFile = out.resolve("signing-key.pub.jwk");
                if (Files.exists(privateFile)) {
                    return fail(err, 1, privateFile + " exists; not overwriting a signing key");
                }
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(privateFile, key.toJSONString() + "\n");
                Files.writeString(publicFile, key.toPublicJWK().toJSONString() + "\n");
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println(privateFile);
                stdout.println(publicFile);
                stdout.flush();
                return 0;
            } catch (JOSEException | IOException e) {
                return fail(err, 1, "cannot write the key pair: " + e.getMessage());
            }
        }
    }

    /** A P-256 private key from a JWK or a PEM file. */
    static ECPrivateKey readSigningKey(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot read --signing-key " + file + ": " + e.getMessage(), e);
        }
        try {
            if (text.startsWith("{")) {
                JWK jwk = JWK.parse(text);
                if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
                    throw new IOException("--signing-key " + file + " is not a private P-256 JWK");
                }
                return ec.toECPrivateKey();
            }
            try (PEMParser parser = new PEMParser(new StringReader(text))) {
                Object object = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                PrivateKey key = object instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                        : object instanceof PrivateKeyInfo info ? converter.getPrivateKey(info) : null;
                if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IOException("--signing-key " + file + " is not a P-256 private key");
                }
                return ec;
            }
        } catch (ParseException | JOSEException e) {
            throw new IOException("--signing-key " + file + " is not a usable JWK");
        }
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("coco4j secret: " + message);
        err.flush();
        return code;
    }
}
