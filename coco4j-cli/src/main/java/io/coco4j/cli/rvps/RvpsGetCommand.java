package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.cli.admin.AdminAccess;
import io.coco4j.protocol.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j rvps get NAME}: one reference value with its provenance, expired or not. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one reference value with its provenance (JSON).")
public final class RvpsGetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AdminAccess access;

    @Parameters(index = "0", paramLabel = "NAME", description = "The reference value's name")
    String name;

    @Override
    public Integer call() {
        try (ReferenceValues target = RvpsTarget.open(access, Optional.empty())) {
            Optional<JsonNode> value = target.get(name);
            if (value.isEmpty()) {
                spec.commandLine().getErr().println("coco4j rvps get: no reference value named '" + name + "'");
                return 1;
            }
            spec.commandLine().getOut().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value.get()));
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("coco4j rvps get: " + e.getMessage());
            return 1;
        }
    }
}
