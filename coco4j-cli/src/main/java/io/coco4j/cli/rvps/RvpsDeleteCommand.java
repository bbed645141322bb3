package io.coco4j.cli.rvps;

import io.coco4j.cli.admin.AdminAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code coco4j rvps delete NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a reference value.")
public final class RvpsDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AdminAccess access;

    @Parameters(index = "0", paramLabel = "NAME", description = "The reference value's name")
    String name;

    @Override
    public Integer call() {
        try (ReferenceValues target = RvpsTarget.open(access, Optional.empty())) {
            if (!target.delete(name)) {
                spec.commandLine().getErr().println("coco4j rvps delete: no reference value named '" + name + "'");
                return 1;
            }
            spec.commandLine().getOut().println("deleted " + name);
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("coco4j rvps delete: " + e.getMessage());
            return 1;
        }
    }
}
