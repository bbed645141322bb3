package io.coco4j.kbs.plugin.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.grpc.GrpcChannels;
import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.KbsPluginFactory;
import io.coco4j.kbs.plugin.PluginContext;
import io.coco4j.kbs.plugin.PluginInitializationException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code [[plugins]] name = "external", backends = [{name, endpoint, tls_mode, ca_cert_path, timeout_ms}, …]}. */
public final class ExternalPluginFactory implements KbsPluginFactory {

    @Override
    public String name() {
        return ExternalPlugin.NAME;
    }

    @Override
    public KbsPlugin create(PluginConfig config, PluginContext context) throws PluginInitializationException {
        JsonNode backends = config.settings().get("backends");
        if (backends == null || !backends.isArray() || backends.isEmpty()) {
            throw new PluginInitializationException("the external plugin needs backends = [{name, endpoint, ...}, ...]");
        }
        Map<String, ExternalPlugin.Connection> connections = new LinkedHashMap<>();
        try {
            for (int i = 0; i < backends.size(); i++) {
                ExternalBackend backend = ExternalBackend.parse(backends.get(i), i);
                if (connections.containsKey(backend.name())) {
                    throw new PluginInitializationException("external backend '" + backend.name() + "' is configured twice");
                }
                Optional<GrpcChannels.ClientTls> tls = backend.tlsMode() == ExternalBackend.TlsMode.TLS
                        ? Optional.of(new GrpcChannels.ClientTls(backend.caCertPath(), Optional.empty(), Optional.empty()))
                        : Optional.empty();
                connections.put(backend.name(), new ExternalPlugin.Connection(backend, GrpcChannels.open(backend.endpoint(), tls)));
            }
        } catch (IOException e) {
            connections.values().forEach(c -> c.channel().shutdownNow());
            throw new PluginInitializationException("external plugin: " + e.getMessage(), e);
        } catch (PluginInitializationException e) {
            connections.values().forEach(c -> c.channel().shutdownNow());
            throw e;
        }
        return new ExternalPlugin(connections);
    }
}
