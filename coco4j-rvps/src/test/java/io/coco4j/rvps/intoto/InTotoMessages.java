package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Registration messages of type in-toto, and the tar reading the tests do in place of an inspection. */
final class InTotoMessages {

    private InTotoMessages() {
    }

    static String payload(Map<String, byte[]> files) throws Exception {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("version", "0.9");
        payload.put("line_normalization", false);
        ObjectNode out = payload.putObject("files");
        files.forEach((name, bytes) -> out.put(name, Base64.getEncoder().encodeToString(bytes)));
        return Json.write(payload);
    }

    static String message(Map<String, byte[]> files) throws Exception {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("version", "0.1.0");
        message.put("type", "in-toto");
        message.put("payload", payload(files));
        return Json.write(message);
    }

    /** The regular files of a .tar.gz, by name: what {@code tar xfz} would have produced. */
    static Map<String, byte[]> untar(byte[] tarGz) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tarGz))) {
            byte[] all = in.readAllBytes();
            int offset = 0;
            while (offset + 512 <= all.length && all[offset] != 0) {
                String name = new String(all, offset, 100, StandardCharsets.US_ASCII).replace("\0", "").trim();
                long size = Long.parseLong(new String(all, offset + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
                char type = (char) all[offset + 156];
                if (type == '0' || type == 0) {
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    content.write(all, offset + 512, (int) size);
                    files.put(name, content.toByteArray());
                }
                offset += 512 + (int) ((size + 511) / 512) * 512;
            }
        }
        return files;
    }
}
