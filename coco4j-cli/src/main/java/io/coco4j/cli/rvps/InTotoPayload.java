package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The in-toto payload {@code {"version":"0.9","line_normalization":…,"files":{path: b64}}} made from a
 * layout file, a link directory (every {@code *.link} below it, sublayout folders included) and artifacts.
 */
final class InTotoPayload {

    private InTotoPayload() {
    }

    static String build(Path layout, Path linkDir, List<Path> artifacts, boolean lineNormalization) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        String layoutName = layout.getFileName().toString();
        files.put(layoutName.endsWith(".layout") ? layoutName : "root.layout", Files.readAllBytes(layout));
        if (!Files.isDirectory(linkDir)) {
            throw new IOException("link directory " + linkDir + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(linkDir)) {
            for (Path link : walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".link")).sorted().toList()) {
                files.put(slashes(linkDir.relativize(link)), Files.readAllBytes(link));
            }
        }
        for (Path artifact : artifacts) {
            String name = artifactName(artifact);
            if (files.containsKey(name)) {
                throw new IOException("artifact " + name + " clashes with a layout or link file of the same name");
            }
            files.put(name, Files.readAllBytes(artifact));
        }
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("version", "0.9");
        payload.put("line_normalization", lineNormalization);
        ObjectNode out = payload.putObject("files");
        files.forEach((name, bytes) -> out.put(name, Base64.getEncoder().encodeToString(bytes)));
        return Json.write(payload);
    }

    /** The path an artifact has in link metadata: as given when relative and inside the working folder, else its file name. */
    static String artifactName(Path artifact) {
        Path normalized = artifact.normalize();
        if (!normalized.isAbsolute() && !normalized.startsWith("..") && !normalized.toString().isEmpty()) {
            return slashes(normalized);
        }
        return artifact.getFileName().toString();
    }

    private static String slashes(Path path) {
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
