package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Test-side in-toto producer: keys, layouts, links, metablock and DSSE signatures (as in-toto-run/sign make them). */
final class InTotoSigner {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    record Key(KeyPair pair, String keyType, String scheme, String publicText, String keyId) {
        ObjectNode json() {
            ObjectNode key = F.objectNode();
            key.put("keyid", keyId);
            key.putArray("keyid_hash_algorithms").add("sha256").add("sha512");
            key.put("keytype", keyType);
            key.putObject("keyval").put("private", "").put("public", publicText);
            key.put("scheme", scheme);
            return key;
        }

        /** What an operator configures: PEM for RSA/EC, securesystemslib JSON for Ed25519. */
        String publicFile() {
            if (keyType.equals("ed25519")) {
                return "{\"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyid_hash_algorithms\": [\"sha256\", \"sha512\"], "
                        + "\"keyval\": {\"public\": \"" + publicText + "\"}}";
            }
            return publicText + "\n";
        }

        InTotoKey trusted() throws Exception {
            return InTotoKey.fromText(publicFile());
        }

        String shortId() {
            return keyId.substring(0, 8);
        }

        byte[] sign(byte[] data) throws Exception {
            Signature signer;
            switch (scheme) {
                case "rsassa-pss-sha256" -> {
                    signer = Signature.getInstance("RSASSA-PSS");
                    signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                case "ed25519" -> signer = Signature.getInstance("Ed25519");
                case "ecdsa-sha2-nistp256" -> signer = Signature.getInstance("SHA256withECDSA");
                default -> throw new IllegalStateException(scheme);
            }
            signer.initSign(pair.getPrivate());
            signer.update(data);
            return signer.sign();
        }
    }

    static Key rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = pem(pair.getPublic().getEncoded());
        return new Key(pair, "rsa", "rsassa-pss-sha256", pem, InTotoKey.computeKeyId("rsa", "rsassa-pss-sha256", pem));
    }

    static Key ed25519() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        String hex = HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        return new Key(pair, "ed25519", "ed25519", hex, InTotoKey.computeKeyId("ed25519", "ed25519", hex));
    }

    static Key ecdsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String pem = pem(pair.getPublic().getEncoded());
        return new Key(pair, "ecdsa", "ecdsa-sha2-nistp256", pem, InTotoKey.computeKeyId("ecdsa", "ecdsa-sha2-nistp256", pem));
    }

    private static String pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
    }

    static byte[] metablock(JsonNode signed, Key... signers) throws Exception {
        ObjectNode block = F.objectNode();
        ArrayNode signatures = block.putArray("signatures");
        byte[] canonical = CanonicalJson.encode(signed);
        for (Key key : signers) {
            signatures.addObject().put("keyid", key.keyId()).put("sig", HexFormat.of().formatHex(key.sign(canonical)));
        }
        block.set("signed", signed);
        return Json.writeBytes(block);
    }

    static byte[] dsse(JsonNode signed, Key... signers) throws Exception {
        byte[] payload = Json.writeBytes(signed);
        byte[] pae = SignedMetadata.preAuthenticationEncoding(SignedMetadata.DSSE_PAYLOAD_TYPE, payload);
        ObjectNode envelope = F.objectNode();
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.put("payloadType", SignedMetadata.DSSE_PAYLOAD_TYPE);
        ArrayNode signatures = envelope.putArray("signatures");
        for (Key key : signers) {
            signatures.addObject().put("keyid", key.keyId()).put("sig", Base64.getEncoder().encodeToString(key.sign(pae)));
        }
        return Json.writeBytes(envelope);
    }

    static ObjectNode artifacts(Map<String, String> sha256ByPath) {
        ObjectNode node = F.objectNode();
        sha256ByPath.forEach((path, digest) -> node.putObject(path).put("sha256", digest));
        return node;
    }

    static ObjectNode link(String name, Map<String, String> materials, Map<String, String> products, List<String> command) {
        ObjectNode link = F.objectNode();
        link.put("_type", "link");
        link.put("name", name);
        link.set("materials", artifacts(materials));
        link.set("products", artifacts(products));
        link.putObject("byproducts").put("return-value", 0).put("stderr", "").put("stdout", "");
        ArrayNode cmd = link.putArray("command");
        command.forEach(cmd::add);
        link.putObject("environment");
        return link;
    }

    /** A layout builder: steps with functionaries, thresholds and rules; inspections; expiry. */
    static final class LayoutBuilder {
        final ObjectNode layout = F.objectNode();

        LayoutBuilder(Instant expires) {
            layout.put("_type", "layout");
            layout.put("expires", expires.toString());
            layout.putObject("keys");
            layout.putArray("steps");
            layout.putArray("inspect");
            layout.put("readme", "");
        }

        LayoutBuilder step(String name, int threshold, List<String> command, List<List<String>> materials, List<List<String>> products,
                           Key... functionaries) {
            ObjectNode step = ((ArrayNode) layout.get("steps")).addObject();
            step.put("_type", "step");
            step.put("name", name);
            step.put("threshold", threshold);
            ArrayNode pubkeys = step.putArray("pubkeys");
            for (Key key : functionaries) {
                pubkeys.add(key.keyId());
                ((ObjectNode) layout.get("keys")).set(key.keyId(), key.json());
            }
            ArrayNode cmd = step.putArray("expected_command");
            command.forEach(cmd::add);
            step.set("expected_materials", rules(materials));
            step.set("expected_products", rules(products));
            return this;
        }

        LayoutBuilder inspection(String name, List<String> run, List<List<String>> materials, List<List<String>> products) {
            ObjectNode inspection = ((ArrayNode) layout.get("inspect")).addObject();
            inspection.put("_type", "inspection");
            inspection.put("name", name);
            ArrayNode cmd = inspection.putArray("run");
            run.forEach(cmd::add);
            inspection.set("expected_materials", rules(materials));
            inspection.set("expected_products", rules(products));
            return this;
        }

        private static ArrayNode rules(List<List<String>> rules) {
            ArrayNode out = F.arrayNode();
            for (List<String> rule : rules) {
                ArrayNode r = out.addArray();
                rule.forEach(r::add);
            }
            return out;
        }

        ObjectNode build() {
            return layout.deepCopy();
        }
    }

    static List<String> rule(String... words) {
        return List.of(words);
    }

    private InTotoSigner() {
    }
}
