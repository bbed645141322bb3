package io.coco4j.kbs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coco4j.kbs.config.ConfigFormat;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.KbsConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in deploy/kubernetes parse, hang together (every Secret key, ConfigMap
 * and port they reference exists) and carry a kbs-config.toml the KBS accepts.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Path manifests() {
        Path root = Path.of(System.getProperty("coco4j.root", "..")).toAbsolutePath().normalize();
        return root.resolve("deploy/kubernetes");
    }

    private static Map<String, JsonNode> byKind() throws Exception {
        Map<String, JsonNode> kinds = new HashMap<>();
        try (var files = Files.list(manifests())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode doc = YAML.readTree(file.toFile());
                assertThat(doc.has("apiVersion")).as(file.toString()).isTrue();
                assertThat(doc.has("kind")).as(file.toString()).isTrue();
                kinds.put(doc.get("kind").asText(), doc);
            }
        }
        return kinds;
    }

    @Test
    void everyManifestParsesAndKustomizationListsThemAll() throws Exception {
        Map<String, JsonNode> kinds = byKind();
        assertThat(kinds.keySet()).contains("Namespace", "ConfigMap", "Secret", "Deployment", "Service", "Kustomization");
        List<String> listed = new ArrayList<>();
        kinds.get("Kustomization").get("resources").forEach(r -> listed.add(r.asText()));
        for (String resource : listed) {
            assertThat(Files.exists(manifests().resolve(resource))).as(resource).isTrue();
        }
        try (var files = Files.list(manifests())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")))
                    .allMatch(listed::contains);
        }
    }

    @Test
    void theConfigMapCarriesAConfigurationTheKbsAccepts() throws Exception {
        String toml = byKind().get("ConfigMap").at("/data/kbs-config.toml").asText();
        KbsConfig config = KbsConfigLoader.parse(toml, ConfigFormat.TOML).config();
        assertThat(config.httpServer().insecureHttp()).isFalse();
        assertThat(config.httpServer().privateKey()).isPresent();
        assertThat(config.storageBackend().storageType().configName()).isEqualTo("Postgres");
    }

    @Test
    void theDeploymentMountsEverythingTheConfigurationNames() throws Exception {
        Map<String, JsonNode> kinds = byKind();
        JsonNode pod = kinds.get("Deployment").at("/spec/template/spec");
        JsonNode container = pod.get("containers").get(0);
        assertThat(container.get("args").toString()).contains("serve", "/etc/coco4j/kbs-config.toml");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();

        Set<String> secretKeys = new HashSet<>();
        kinds.get("Secret").get("stringData").fieldNames().forEachRemaining(secretKeys::add);
        Map<String, String> volumeSecretKeys = new HashMap<>();
        for (JsonNode volume : pod.get("volumes")) {
            if (volume.has("secret")) {
                for (JsonNode item : volume.at("/secret/items")) {
                    assertThat(secretKeys).contains(item.get("key").asText());
                    volumeSecretKeys.put(volume.get("name").asText() + "/" + item.get("path").asText(), item.get("key").asText());
                }
            }
        }
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode mount : container.get("volumeMounts")) {
            mounts.put(mount.get("mountPath").asText(), mount.get("name").asText());
        }
        String toml = kinds.get("ConfigMap").at("/data/kbs-config.toml").asText();
        for (String file : List.of("/etc/coco4j/tls/tls.key", "/etc/coco4j/tls/tls.crt", "/etc/coco4j/token/signer.key",
                "/etc/coco4j/token/signer.crt", "/etc/coco4j/admin/admin-public.pem")) {
            assertThat(toml).contains(file);
            String dir = file.substring(0, file.lastIndexOf('/'));
            String name = file.substring(file.lastIndexOf('/') + 1);
            assertThat(mounts).as(dir).containsKey(dir);
            assertThat(volumeSecretKeys).as(file).containsKey(mounts.get(dir) + "/" + name);
        }
        String port = kinds.get("Service").at("/spec/ports/0/targetPort").asText();
        assertThat(container.get("ports").findValuesAsText("name")).contains(port);
    }
}
