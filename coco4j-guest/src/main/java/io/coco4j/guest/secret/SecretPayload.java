package io.coco4j.guest.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * The JSON inside a sealed secret: {@code version} {@code 0.1.0} and a {@code type}-tagged body, either
 * {@link Vault} (the secret lives in a KMS or the KBS, under {@code name}) or {@link Envelope} (the
 * secret is here, encrypted under a data key that a KMS unwraps). {@code provider_settings} and
 * {@code annotations} are required objects in both.
 */
public sealed interface SecretPayload permits SecretPayload.Vault, SecretPayload.Envelope {

    String VERSION = "0.1.0";

    String provider();

    ObjectNode providerSettings();

    ObjectNode annotations();

    ObjectNode toJson();

    record Vault(String name, String provider, ObjectNode providerSettings, ObjectNode annotations) implements SecretPayload {
        public Vault {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(provider, "provider");
            providerSettings = providerSettings == null ? JsonNodeFactory.instance.objectNode() : providerSettings.deepCopy();
            annotations = annotations == null ? JsonNodeFactory.instance.objectNode() : annotations.deepCopy();
        }

        /** A secret stored in the KBS under a resource URI. */
        public static Vault kbs(String resourceUri) {
            return new Vault(resourceUri, "kbs", null, null);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("version", VERSION);
            node.put("type", "vault");
            node.put("name", name);
            node.put("provider", provider);
            node.set("provider_settings", providerSettings.deepCopy());
            node.set("annotations", annotations.deepCopy());
            return node;
        }
    }

    record Envelope(String provider, String keyId, String encryptedKey, String encryptedData, String wrapType, String iv,
                    ObjectNode providerSettings, ObjectNode annotations) implements SecretPayload {
        public Envelope {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(encryptedKey, "encryptedKey");
            Objects.requireNonNull(encryptedData, "encryptedData");
            Objects.requireNonNull(wrapType, "wrapType");
            Objects.requireNonNull(iv, "iv");
            providerSettings = providerSettings == null ? JsonNodeFactory.instance.objectNode() : providerSettings.deepCopy();
            annotations = annotations == null ? JsonNodeFactory.instance.objectNode() : annotations.deepCopy();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("version", VERSION);
            node.put("type", "envelope");
            node.put("provider", provider);
            node.put("key_id", keyId);
            node.put("encrypted_key", encryptedKey);
            node.put("encrypted_data", encryptedData);
            node.put("wrap_type", wrapType);
            node.put("iv", iv);
            node.set("provider_settings", providerSettings.deepCopy());
            node.set("annotations", annotations.deepCopy());
            return node;
        }
    }

    /** Reads and checks a payload. */
    static SecretPayload fromJson(JsonNode node) throws SealedSecretException {
        if (node == null || !node.isObject()) {
            throw new SealedSecretException("the sealed secret payload is not a JSON object");
        }
        String version = text(node, "version");
        if (!VERSION.equals(version)) {
            throw new SealedSecretException("unsupported sealed secret version '" + version + "' (expected " + VERSION + ")");
        }
        String type = text(node, "type");
        ObjectNode settings = object(node, "provider_settings");
        ObjectNode annotations = object(node, "annotations");
        return switch (type) {
            case "vault" -> new Vault(text(node, "name"), text(node, "provider"), settings, annotations);
            case "envelope" -> new Envelope(text(node, "provider"), text(node, "key_id"), text(node, "encrypted_key"),
                    text(node, "encrypted_data"), text(node, "wrap_type"), text(node, "iv"), settings, annotations);
            default -> throw new SealedSecretException("unknown sealed secret type '" + type + "' (expected vault or envelope)");
        };
    }

    private static String text(JsonNode node, String name) throws SealedSecretException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new SealedSecretException("the sealed secret payload has no string '" + name + "'");
        }
        return value.textValue();
    }

    private static ObjectNode object(JsonNode node, String name) throws SealedSecretException {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            throw new SealedSecretException("the sealed secret payload has no object '" + name + "'");
        }
        return (ObjectNode) value;
    }

    /** Decodes standard base64, tolerating missing padding, as KMS tooling writes both. */
    static byte[] base64(String value, String what) throws SealedSecretException {
        try {
            String trimmed = value.strip();
            return Base64.getDecoder().decode(trimmed.length() % 4 == 0 ? trimmed : trimmed + "=".repeat(4 - trimmed.length() % 4));
        } catch (IllegalArgumentException e) {
            throw new SealedSecretException("the sealed secret's " + what + " is not base64");
        }
    }

    static String normalisedProvider(String provider) {
        return provider.toLowerCase(Locale.ROOT);
    }
}
