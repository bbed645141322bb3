package io.coco4j.cli.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;

/** {@code coco4j admin set-resource-policy} and {@code set-attestation-policy}: Rego uploads. */
public final class AdminPolicyCommands {

    private AdminPolicyCommands() {
    }

    /** Rego text as the reference's upload wants it: base64url without padding. */
    static String encodePolicy(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Command(name = "set-resource-policy", mixinStandardHelpOptions = true,
            description = "Upload the Rego policy that decides which attested guests get which resources.")
    public static final class SetResourcePolicy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AdminAccess access;

        @Option(names = "--policy-file", required = true, paramLabel = "FILE", description = "The Rego policy")
        Path policyFile;

        @Override
        public Integer call() {
            try {
                ObjectNode body = JsonNodeFactory.instance.objectNode().put("policy", encodePolicy(policyFile));
                access.client().send("POST", "resource-policy", Json.writeBytes(body), "application/json");
                spec.commandLine().getOut().println("resource policy set from " + policyFile);
                return 0;
            } catch (IOException | AdminClient.AdminRequestException e) {
                spec.commandLine().getErr().println("coco4j admin set-resource-policy: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "set-attestation-policy", mixinStandardHelpOptions = true,
            description = "Upload a Rego attestation policy to the Attestation Service.")
    public static final class SetAttestationPolicy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AdminAccess access;

        @Option(names = "--policy-file", required = true, paramLabel = "FILE", description = "The Rego policy")
        Path policyFile;

        @Option(names = "--id", defaultValue = "default_cpu", paramLabel = "ID",
                description = "Policy id; tokens use <id>_<class>, so CPU evidence reads default_cpu (default: ${DEFAULT-VALUE})")
        String id;

        @Override
        public Integer call() {
            try {
                ObjectNode body = JsonNodeFactory.instance.objectNode()
                        .put("type", "rego").put("policy_id", id).put("policy", encodePolicy(policyFile));
                access.client().send("POST", "attestation-policy", Json.writeBytes(body), "application/json");
                spec.commandLine().getOut().println("attestation policy " + id + " set from " + policyFile);
                return 0;
            } catch (IOException | AdminClient.AdminRequestException e) {
                spec.commandLine().getErr().println("coco4j admin set-attestation-policy: " + e.getMessage());
                return 1;
            }
        }
    }
}
