package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.coco4j.cli.admin.AdminAccess;
import io.coco4j.protocol.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j rvps list}: every reference value, expired ones marked. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List reference values; expired ones are marked.")
public final class RvpsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AdminAccess access;

    @Option(names = "--json", description = "Print the listing as JSON, with values and provenance")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ReferenceValues target = RvpsTarget.open(access, Optional.empty())) {
            ArrayNode values = target.list();
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(values));
                return 0;
            }
            out.printf("%-40s %-8s %-21s %-9s %s%n", "NAME", "STATUS", "EXPIRES", "PROVIDER", "VALUE");
            for (JsonNode value : values) {
                String shown = Json.write(value.get("value"));
                out.printf("%-40s %-8s %-21s %-9s %s%n", value.path("name").asText(),
                        value.path("expired").asBoolean() ? "expired" : "valid", value.path("expiration").asText(),
                        value.at("/provenance/provider").asText(), shown.length() > 80 ? shown.substring(0, 77) + "..." : shown);
            }
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("coco4j rvps list: " + e.getMessage());
            return 1;
        }
    }
}
