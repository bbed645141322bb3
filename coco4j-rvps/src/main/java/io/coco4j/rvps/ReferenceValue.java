package io.coco4j.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * One stored reference value, in the reference's stored form
 * {@code {"version":"0.1.0","name":"svn","expiration":"2027-10-14T07:28:00Z","value":["1"]}}.
 */
public record ReferenceValue(String version, String name, Instant expiration, JsonNode value) {

    public static final String VERSION = "0.1.0";
    private static final DateTimeFormatter EXPIRATION_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public ReferenceValue {
        expiration = expiration.truncatedTo(ChronoUnit.SECONDS);
        value = value.deepCopy();
    }

    @Override
    public JsonNode value() {
        return value.deepCopy();
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiration);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("version", version);
        node.put("name", name);
        node.put("expiration", EXPIRATION_FORMAT.format(expiration));
        node.set("value", value.deepCopy());
        return node;
    }

    /** Parses the stored form; RFC 3339 expirations with fractions or offsets are accepted too. */
    public static ReferenceValue fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode version = node.get("version");
        JsonNode name = node.get("name");
        JsonNode expiration = node.get("expiration");
        JsonNode value = node.get("value");
        if (version == null || !version.isTextual() || name == null || !name.isTextual()
                || expiration == null || !expiration.isTextual() || value == null) {
            throw new IllegalArgumentException("missing or mistyped member (version, name, expiration, value)");
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(expiration.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiration is not an RFC 3339 date-time", e);
        }
        return new ReferenceValue(version.textValue(), name.textValue(), parsed, value);
    }
}
