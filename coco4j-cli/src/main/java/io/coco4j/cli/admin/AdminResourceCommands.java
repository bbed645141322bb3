package io.coco4j.cli.admin;

import io.coco4j.protocol.resource.ResourceUri;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code coco4j admin set-resource} and {@code delete-resource}. */
public final class AdminResourceCommands {

    private AdminResourceCommands() {
    }

    /** A resource named as {@code kbs:///repo/type/tag} or {@code repo/type/tag}. */
    static String resourcePath(String resource) {
        if (resource.contains("://")) {
            ResourceUri uri = ResourceUri.parse(resource);
            if (!ResourceUri.RESOURCE_PLUGIN.equals(uri.plugin())) {
                throw new IllegalArgumentException("not a resource of the resource plugin: " + resource);
            }
            return String.join("/", uri.segments());
        }
        return resource.startsWith("/") ? resource.substring(1) : resource;
    }

    @Command(name = "set-resource", mixinStandardHelpOptions = true,
            description = "Store a resource (secret) in the KBS repository, replacing any previous value.")
    public static final class Set implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AdminAccess access;

        @Parameters(index = "0", paramLabel = "RESOURCE", description = "kbs:///repository/type/tag or repository/type/tag")
        String resource;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--file", paramLabel = "FILE", description = "Read the resource bytes from FILE")
            Path file;

            @Option(names = "--value", paramLabel = "TEXT", description = "The resource as UTF-8 text (for demos; prefer --file)")
            String value;
        }

        @Override
        public Integer call() {
            try {
                byte[] bytes = source.file != null ? Files.readAllBytes(source.file) : source.value.getBytes(StandardCharsets.UTF_8);
                String path = resourcePath(resource);
                access.client().send("POST", "resource/" + path, bytes, "application/octet-stream");
                spec.commandLine().getOut().println("stored " + path + " (" + bytes.length + " bytes)");
                return 0;
            } catch (IOException | IllegalArgumentException | AdminClient.AdminRequestException e) {
                spec.commandLine().getErr().println("coco4j admin set-resource: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "delete-resource", mixinStandardHelpOptions = true, description = "Delete a resource from the KBS repository.")
    public static final class Delete implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        AdminAccess access;

        @Parameters(index = "0", paramLabel = "RESOURCE", description = "kbs:///repository/type/tag or repository/type/tag")
        String resource;

        @Override
        public Integer call() {
            try {
                String path = resourcePath(resource);
                access.client().send("DELETE", "resource/" + path, null, null);
                spec.commandLine().getOut().println("deleted " + path);
                return 0;
            } catch (IOException | IllegalArgumentException | AdminClient.AdminRequestException e) {
                spec.commandLine().getErr().println("coco4j admin delete-resource: " + e.getMessage());
                return 1;
            }
        }
    }
}
