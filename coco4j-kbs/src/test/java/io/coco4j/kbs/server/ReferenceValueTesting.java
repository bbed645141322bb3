package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.AttestationServiceConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.GrpcListenerConfig;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestVectors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Configurations and messages for the KBS's reference-value tests. */
public final class ReferenceValueTesting {

    public static final String FOO_TAR_GZ = "52947cb78b91ad01fe81cd6aef42d1f6817e92b9e6936c1e5aabb7c98514f355";

    private ReferenceValueTesting() {
    }

    /** The configuration with the RVPS trusting these layout keys. */
    static KbsConfig trusting(KbsConfig config, List<Path> layoutKeys) {
        return trusting(config, layoutKeys, Optional.empty());
    }

    /** The same, with the RVPS's gRPC listener. */
    static KbsConfig trusting(KbsConfig config, List<Path> layoutKeys, Optional<GrpcListenerConfig> grpc) {
        RvpsConfig.BuiltIn defaults = new RvpsConfig.BuiltIn(Optional.empty(), Optional.empty());
        return withRvps(config, new RvpsConfig.BuiltIn(Optional.empty(), Optional.empty(), defaults.store(), layoutKeys, 1, false,
                defaults.corim(), defaults.swid(), grpc));
    }

    static KbsConfig withRvps(KbsConfig config, RvpsConfig rvps) {
        AttestationServiceConfig as = config.attestationService();
        AttestationServiceConfig withRvps = new AttestationServiceConfig(as.type(), as.timeoutMinutes(), as.tokenBroker(), rvps,
                as.verifierConfig(), as.storageType(), as.remote());
        return new KbsConfig(config.httpServer(), config.attestationToken(), withRvps, config.admin(), config.storageBackend(),
                config.plugins(), config.sessionStorageType());
    }

    public static Path vector(String relative) {
        return TestVectors.resolve("in-toto/" + relative);
    }

    /** The trustee in-toto chain (layout signed by alice), with the tarball and the file its inspection would unpack. */
    public static String trusteeMessage() throws IOException {
        return trusteeMessage(files -> { });
    }

    /** The same message after {@code edit} changed its files (name to content). */
    public static String trusteeMessage(java.util.function.Consumer<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo.layout", Files.readAllBytes(vector("trustee/demo.layout")));
        files.put("write-code.b7d643de.link", Files.readAllBytes(vector("trustee/write-code.b7d643de.link")));
        files.put("package.d3ffd108.link", Files.readAllBytes(vector("trustee/package.d3ffd108.link")));
        byte[] tarball = Files.readAllBytes(vector("trustee/foo.tar.gz"));
        files.put("foo.tar.gz", tarball);
        files.put("foo.py", untarFirstFile(tarball));
        edit.accept(files);
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("version", "0.9");
        ObjectNode out = payload.putObject("files");
        files.forEach((name, bytes) -> out.put(name, Base64.getEncoder().encodeToString(bytes)));
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("version", "0.1.0");
        message.put("type", "in-toto");
        message.put("payload", Json.write(payload));
        return Json.write(message);
    }

    static String sampleMessage(String valuesJson) {
        return "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                + Base64.getEncoder().encodeToString(valuesJson.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    private static byte[] untarFirstFile(byte[] tarGz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tarGz))) {
            byte[] all = in.readAllBytes();
            long size = Long.parseLong(new String(all, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            content.write(all, 512, (int) size);
            return content.toByteArray();
        }
    }

    /** The claims of an EAR token, unverified (the tests only read the status). */
    static JsonNode claims(String token) throws IOException {
        return Json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
