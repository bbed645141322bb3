package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.cli.admin.AdminAccess;
import io.coco4j.cli.admin.AdminClient;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.RvpsException;
import io.coco4j.rvps.intoto.InTotoExtractor;
import io.coco4j.rvps.intoto.InTotoFormatException;
import io.coco4j.rvps.intoto.InTotoKey;
import io.coco4j.rvps.intoto.LayoutTrust;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j rvps register}: verify and register reference values from a provenance source. */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register reference values. in-toto: --layout, --link-dir, --layout-key and the final products as --artifact;",
                "sample: --file with a JSON object of values; corim, swid: --file with the document; or a ready --message."})
public final class RvpsRegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AdminAccess access;

    @Option(names = "--provider", paramLabel = "TYPE", description = "in-toto, sample, corim or swid")
    String provider;

    @Option(names = "--layout", paramLabel = "FILE", description = "in-toto: the signed root layout")
    Path layout;

    @Option(names = "--link-dir", paramLabel = "DIR", description = "in-toto: the folder of link files (default: the layout's folder)")
    Path linkDir;

    @Option(names = "--layout-key", paramLabel = "FILE",
            description = "in-toto: a layout key you trust (PEM or in-toto JSON); every one given must have signed the layout. "
                    + "With --url the KBS trusts only its configured keys: these then check the layout before sending")
    List<Path> layoutKeys = new ArrayList<>();

    @Option(names = "--artifact", paramLabel = "FILE", description = "in-toto: a final product (or what an inspection would see)")
    List<Path> artifacts = new ArrayList<>();

    @Option(names = "--line-normalization", description = "in-toto: hash artifacts with CRLF/CR as LF, as in-toto-run --normalize-line-endings")
    boolean lineNormalization;

    @Option(names = "--file", paramLabel = "FILE", description = "sample: JSON object of values; corim, swid: the document")
    Path file;

    @Option(names = "--message", paramLabel = "FILE", description = "A ready registration message {\"version\",\"type\",\"payload\"}")
    Path messageFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<LayoutTrust> trust = layoutTrust();
            String message = message(trust);
            try (ReferenceValues target = RvpsTarget.open(access, trust)) {
                JsonNode result = target.register(message);
                List<String> names = new ArrayList<>();
                result.path("registered").forEach(n -> names.add(n.asText()));
                out.println("registered " + names.size() + " reference value(s) from " + result.path("provider").asText()
                        + ", valid until " + result.path("expiration").asText() + ": " + String.join(", ", names));
                result.path("warnings").forEach(w -> out.println("warning: " + w.asText()));
            }
            return 0;
        } catch (UsageException e) {
            err.println("coco4j rvps register: " + e.getMessage());
            return 2;
        } catch (RvpsException | AdminClient.AdminRequestException | IOException e) {
            err.println("coco4j rvps register: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("coco4j rvps register: " + e);
            return 1;
        }
    }

    private Optional<LayoutTrust> layoutTrust() throws IOException, UsageException {
        if (layoutKeys.isEmpty()) {
            return Optional.empty();
        }
        List<InTotoKey> keys = new ArrayList<>();
        for (Path key : layoutKeys) {
            try {
                keys.add(InTotoKey.fromFile(key));
            } catch (InTotoFormatException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return Optional.of(LayoutTrust.allOf(keys));
    }

    private String message(Optional<LayoutTrust> trust) throws Exception {
        if (messageFile != null) {
            if (provider != null || file != null || layout != null) {
                throw new UsageException("--message is a whole message: give no --provider, --file or --layout with it");
            }
            return Files.readString(messageFile, StandardCharsets.UTF_8);
        }
        if (provider == null) {
            throw new UsageException("give --provider (in-toto, sample, corim, swid) or --message");
        }
        String payload = switch (provider) {
            case InTotoExtractor.TYPE -> inTotoPayload(trust);
            case "sample" -> Base64.getEncoder().encodeToString(Files.readAllBytes(required(file, "--file")));
            default -> Base64.getEncoder().encodeToString(Files.readAllBytes(required(file, "--file")));
        };
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("version", "0.1.0");
        message.put("type", provider);
        message.put("payload", payload);
        String text = Json.write(message);
        if (provider.equals(InTotoExtractor.TYPE) && access.hasUrl() && trust.isPresent()) {
            // the operator's keys cannot make the KBS trust anything; they check the chain before it is sent
            BuiltinReferenceValueProvider.builder(new InMemoryReferenceValueStore())
                    .extractor(new InTotoExtractor(trust, Clock.systemUTC())).build().register(text);
        }
        return text;
    }

    private String inTotoPayload(Optional<LayoutTrust> trust) throws IOException, UsageException {
        Path layoutFile = required(layout, "--layout");
        if (!access.hasUrl() && trust.isEmpty()) {
            throw new UsageException("give --layout-key FILE: the key you trust to have signed the layout");
        }
        Path links = linkDir != null ? linkDir : layoutFile.toAbsolutePath().getParent();
        return InTotoPayload.build(layoutFile, links, artifacts, lineNormalization);
    }

    private static Path required(Path path, String option) throws UsageException {
        if (path == null) {
            throw new UsageException(option + " is required for this provider");
        }
        return path;
    }

    /** The command line does not say enough. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
