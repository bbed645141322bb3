package io.coco4j.verifier.cca;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The CPAKs (CCA platform attestation keys) the verifier trusts, each for one platform named by its
 * implementation id and instance id: the reference's trust-anchor store,
 * {@code [{"pkey": <P-384 JWK>, "implementation-id": hex, "instance-id": hex}, …]}.
 */
public final class CcaTrustAnchors {

    private record Anchor(byte[] implementationId, byte[] instanceId, ECPublicKey cpak) {
    }

    private final List<Anchor> anchors;

    private CcaTrustAnchors(List<Anchor> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    public static CcaTrustAnchors load(Path store) throws IOException {
        return parse(Json.readTree(Files.readAllBytes(store)));
    }

    public static CcaTrustAnchors parse(JsonNode store) throws IOException {
        if (store == null || !store.isArray()) {
            throw new IOException("the CCA trust-anchor store is not a JSON array");
        }
        List<Anchor> anchors = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (JsonNode entry : store) {
            try {
                ECKey jwk = ECKey.parse(Json.write(entry.get("pkey")));
                if (!"P-384".equals(jwk.getCurve().getName())) {
                    throw new IOException("CPAK must be a P-384 key, not " + jwk.getCurve());
                }
                anchors.add(new Anchor(hex.parseHex(entry.path("implementation-id").asText()),
                        hex.parseHex(entry.path("instance-id").asText()), jwk.toECPublicKey()));
            } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | IllegalArgumentException | NullPointerException e) {
                throw new IOException("the CCA trust-anchor store has an invalid entry: " + e.getMessage(), e);
            }
        }
        return new CcaTrustAnchors(anchors);
    }

    public int size() {
        return anchors.size();
    }

    Optional<ECPublicKey> cpak(byte[] implementationId, byte[] instanceId) {
        return anchors.stream()
                .filter(a -> Arrays.equals(a.implementationId, implementationId) && Arrays.equals(a.instanceId, instanceId))
                .map(Anchor::cpak).findFirst();
    }
}
