package io.coco4j.verifier.cca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.Map;

/**
 * Named views of the CBOR claim maps (integer keys as the CCA specification numbers them) and their
 * JSON form, with the names the reference's claim set uses ({@code cca-platform-*}, {@code cca-realm-*},
 * byte strings as standard base64).
 */
final class CcaClaims {

    // platform token claims
    static final String PROFILE = "265";
    static final String CHALLENGE = "10";
    static final String IMPLEMENTATION_ID = "2396";
    static final String INSTANCE_ID = "256";
    static final String CONFIG = "2401";
    static final String LIFECYCLE = "2395";
    static final String SW_COMPONENTS = "2399";
    static final String VERIFICATION_SERVICE = "2400";
    static final String PLATFORM_HASH_ALGO = "2402";
    // software component members
    static final String MEASUREMENT_TYPE = "1";
    static final String MEASUREMENT_VALUE = "2";
    static final String VERSION = "4";
    static final String SIGNER_ID = "5";
    static final String MEASUREMENT_DESCRIPTION = "6";
    // realm token claims
    static final String PERSONALIZATION_VALUE = "44235";
    static final String REALM_HASH_ALGO = "44236";
    static final String RAK = "44237";
    static final String INITIAL_MEASUREMENT = "44238";
    static final String EXTENSIBLE_MEASUREMENTS = "44239";
    static final String RAK_HASH_ALGO = "44240";

    private static final Map<String, String> PLATFORM_NAMES = Map.of(
            PROFILE, "cca-platform-profile", CHALLENGE, "cca-platform-challenge", IMPLEMENTATION_ID, "cca-platform-implementation-id",
            INSTANCE_ID, "cca-platform-instance-id", CONFIG, "cca-platform-config", LIFECYCLE, "cca-platform-lifecycle",
            VERIFICATION_SERVICE, "cca-platform-service-indicator", PLATFORM_HASH_ALGO, "cca-platform-hash-algo-id");
    private static final Map<String, String> COMPONENT_NAMES = Map.of(
            MEASUREMENT_TYPE, "measurement-type", MEASUREMENT_VALUE, "measurement-value", VERSION, "version",
            SIGNER_ID, "signer-id", MEASUREMENT_DESCRIPTION, "measurement-description");
    private static final Map<String, String> REALM_NAMES = Map.of(
            PROFILE, "cca-realm-profile", CHALLENGE, "cca-realm-challenge", PERSONALIZATION_VALUE, "cca-realm-personalization-value",
            INITIAL_MEASUREMENT, "cca-realm-initial-measurement", REALM_HASH_ALGO, "cca-realm-hash-algo-id",
            RAK, "cca-realm-public-key", RAK_HASH_ALGO, "cca-realm-public-key-hash-algo-id");

    private CcaClaims() {
    }

    static byte[] bytes(JsonNode claims, String key, String what) throws CcaTokenFormatException {
        JsonNode value = claims.get(key);
        if (value == null || !value.isBinary()) {
            throw new CcaTokenFormatException(what + " (claim " + key + ") is missing or not a byte string");
        }
        try {
            return value.binaryValue();
        } catch (java.io.IOException e) {
            throw new CcaTokenFormatException(what + " (claim " + key + ") is unreadable");
        }
    }

    static String text(JsonNode claims, String key, String what) throws CcaTokenFormatException {
        JsonNode value = claims.get(key);
        if (value == null || !value.isTextual()) {
            throw new CcaTokenFormatException(what + " (claim " + key + ") is missing or not a text string");
        }
        return value.textValue();
    }

    static ObjectNode platformJson(JsonNode platform) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        PLATFORM_NAMES.forEach((key, name) -> copy(platform.get(key), out, name));
        JsonNode components = platform.get(SW_COMPONENTS);
        if (components != null && components.isArray()) {
            ArrayNode list = out.putArray("cca-platform-sw-components");
            for (JsonNode component : components) {
                ObjectNode entry = list.addObject();
                COMPONENT_NAMES.forEach((key, name) -> copy(component.get(key), entry, name));
            }
        }
        return out;
    }

    /** The realm claims as JSON; every extensible measurement (REM) must be a byte string. */
    static ObjectNode realmJson(JsonNode realm) throws CcaTokenFormatException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        REALM_NAMES.forEach((key, name) -> copy(realm.get(key), out, name));
        JsonNode rems = realm.get(EXTENSIBLE_MEASUREMENTS);
        if (rems != null && rems.isArray()) {
            ArrayNode list = out.putArray("cca-realm-extensible-measurements");
            for (int i = 0; i < rems.size(); i++) {
                if (!rems.get(i).isBinary()) {
                    throw new CcaTokenFormatException("realm extensible measurement " + i + " (claim " + EXTENSIBLE_MEASUREMENTS
                            + ") is not a byte string");
                }
                list.add(base64(rems.get(i)));
            }
        }
        return out;
    }

    private static void copy(JsonNode value, ObjectNode out, String name) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isBinary()) {
            out.put(name, base64(value));
        } else {
            out.set(name, value);
        }
    }

    private static String base64(JsonNode binary) {
        try {
            return Base64.getEncoder().encodeToString(binary.binaryValue());
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
