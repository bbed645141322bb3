package io.coco4j.kbs.plugin;

import com.google.protobuf.ByteString;
import io.coco4j.kbs.plugin.external.KbsPluginBackend;
import io.coco4j.kbs.plugin.external.proto.PluginRequest;
import io.coco4j.kbs.plugin.external.proto.PluginResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A back-end for the external plugin tests: {@code admin/...} needs an administrator, {@code public/...}
 * is not encrypted, {@code fail/...} answers 403, anything else is a secret for attested guests. It
 * answers {@code <method> <path> <query> <body>} and records every Handle call.
 */
final class RecordingBackend implements KbsPluginBackend {

    final List<PluginRequest> handled = new CopyOnWriteArrayList<>();

    @Override
    public PluginResponse handle(PluginRequest request) {
        handled.add(request);
        if (!request.getPathList().isEmpty() && request.getPath(0).equals("fail")) {
            return PluginResponse.newBuilder().setStatusCode(403).setBody(ByteString.copyFromUtf8("no")).build();
        }
        String answer = request.getMethod() + " " + String.join("/", request.getPathList()) + " " + new java.util.TreeMap<>(request.getQueryMap())
                + " " + request.getBody().toString(StandardCharsets.UTF_8);
        return PluginResponse.newBuilder().setBody(ByteString.copyFromUtf8(answer)).setContentType("text/plain").build();
    }

    @Override
    public boolean requiresAdminAuth(PluginRequest request) {
        return !request.getPathList().isEmpty() && request.getPath(0).equals("admin");
    }

    @Override
    public boolean needsEncryption(PluginRequest request) {
        return request.getPathList().isEmpty() || !request.getPath(0).equals("public");
    }
}
