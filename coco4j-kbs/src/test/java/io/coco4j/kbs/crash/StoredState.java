package io.coco4j.kbs.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.policy.ResourcePolicyStore;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a restarted KBS holds for each target: resources as an attested guest receives them,
 * reference values through the RVPS API, policies from the storage itself (the admin API has no
 * read for them).
 */
final class StoredState {

    private static final String POLICY_SUFFIX = ".rego";
    private static final Set<String> BUNDLED_ATTESTATION_POLICIES = Set.of("default_cpu.rego", "default_gpu.rego");

    private final TestKbs kbs;
    private final StorageBackend storage;
    private final TeeKeyPair key;
    private final TestKbs.Guest guest;
    private final String authorization;

    StoredState(TestKbs kbs, StorageBackend storage) throws Exception {
        this.kbs = kbs;
        this.storage = storage;
        this.key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        this.guest = kbs.guest(key);
        guest.handshake();
        this.authorization = "Bearer " + kbs.adminToken();
    }

    /** The stored value of each item of the target (one; three for a reference-value group), empty where none is. */
    List<Optional<byte[]>> read(Target target) throws Exception {
        return switch (target.kind()) {
            case RESOURCE -> List.of(resource(target.name()));
            case RESOURCE_POLICY -> List.of(storage.namespace(Namespace.KBS).get(ResourcePolicyStore.KEY));
            case ATTESTATION_POLICY -> List.of(storage.namespace(Namespace.ATTESTATION_SERVICE_POLICY).get(target.name() + POLICY_SUFFIX));
            case REFERENCE_VALUES -> {
                List<Optional<byte[]>> values = new ArrayList<>();
                for (String name : target.referenceValueNames()) {
                    values.add(referenceValue(name));
                }
                yield values;
            }
        };
    }

    private Optional<byte[]> resource(String path) throws Exception {
        HttpResponse<byte[]> response = guest.getResource(path);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        check(response, "GET resource " + path);
        return Optional.of(ResourceDecryptor.decrypt(Json.read(response.body(), JweResponse.class), key));
    }

    private Optional<byte[]> referenceValue(String name) throws Exception {
        HttpResponse<byte[]> response = kbs.send("GET", "/rvps/v0/reference-values?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                null, "Authorization", authorization);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        check(response, "GET reference value " + name);
        return Optional.of(Json.readTree(response.body()).get("value").textValue().getBytes(StandardCharsets.UTF_8));
    }

    /** Keys and names stored that no target accounts for: leftovers of an interrupted write must never show as values. */
    List<String> strays(List<Target> targets) throws Exception {
        Set<String> resources = new HashSet<>();
        Set<String> policies = new HashSet<>(BUNDLED_ATTESTATION_POLICIES);
        Set<String> referenceValues = new HashSet<>();
        for (Target target : targets) {
            switch (target.kind()) {
                case RESOURCE -> resources.add(target.name());
                case ATTESTATION_POLICY -> policies.add(target.name() + POLICY_SUFFIX);
                case REFERENCE_VALUES -> referenceValues.addAll(target.referenceValueNames());
                case RESOURCE_POLICY -> {
                }
            }
        }
        List<String> strays = new ArrayList<>();
        strays.addAll(unknownKeys(storage.namespace(Namespace.REPOSITORY), resources));
        strays.addAll(unknownKeys(storage.namespace(Namespace.ATTESTATION_SERVICE_POLICY), policies));
        strays.addAll(unknownKeys(storage.namespace(Namespace.KBS), Set.of(ResourcePolicyStore.KEY)));
        HttpResponse<byte[]> listing = kbs.send("GET", "/rvps/v0/reference-values", null, "Authorization", authorization);
        check(listing, "GET reference values");
        for (JsonNode value : Json.readTree(listing.body())) {
            if (!referenceValues.contains(value.get("name").asText())) {
                strays.add("reference value " + value.get("name").asText());
            }
        }
        return strays;
    }

    private static List<String> unknownKeys(KeyValueStore store, Set<String> known) throws Exception {
        return store.keys().stream().filter(k -> !known.contains(k)).map(k -> store.namespace() + "/" + k).toList();
    }

    private static void check(HttpResponse<byte[]> response, String what) {
        if (response.statusCode() != 200) {
            throw new AssertionError(what + ": HTTP " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }
}
