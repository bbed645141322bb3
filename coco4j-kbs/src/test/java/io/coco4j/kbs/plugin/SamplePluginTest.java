package io.coco4j.kbs.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SamplePluginTest {

    @TempDir
    Path dir;

    @Test
    void administratorsGetTheSampleAnswerInTheClearOthersAreRefused() throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig defaults = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ObjectNode settings = Json.mapper().createObjectNode().put("item", "value1");
        KbsConfig config = ExternalPluginTest.withPlugins(defaults, List.of(PluginConfig.kvStorageResource(), new PluginConfig("sample", settings)));
        try (TestKbs kbs = TestKbs.start(config, data, ServerMode.PRODUCTION, true)) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                HttpResponse<byte[]> admin = kbs.send(method, "/kbs/v0/sample/anything/here", new byte[0], "Authorization", "Bearer " + kbs.adminToken());
                assertThat(admin.statusCode()).as(method).isEqualTo(200);
                assertThat(new String(admin.body(), StandardCharsets.UTF_8)).isEqualTo("sample plugin response");
            }
            HttpResponse<byte[]> anonymous = kbs.send("GET", "/kbs/v0/sample/x", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).contains("AdminAuth");
        }
    }

    @Test
    void operatorPluginsAreFoundThroughTheServiceLoaderAndCannotTakeABuiltInName() {
        PluginFactories factories = PluginFactories.discover();
        assertThat(factories.names()).contains("resource", "sample", "pkcs11", "external");
        ClassLoader withService = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
                if (name.equals("META-INF/services/" + KbsPluginFactory.class.getName())) {
                    return java.util.Collections.enumeration(List.of(getClass().getResource("/operator-plugin/" + KbsPluginFactory.class.getName())));
                }
                return super.getResources(name);
            }
        };
        assertThat(PluginFactories.discover(withService).find("greeting")).isPresent();
    }
}
