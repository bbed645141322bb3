package io.coco4j.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One registered reference value: a name, a JSON value (a scalar, or a list for {@code in} checks),
 * the format version, when it stops being valid, and its provenance.
 */
public record ReferenceValue(String name, JsonNode value, String version, Instant expiration, Provenance provenance) {

    public static final String VERSION = "0.1.0";
    private static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public ReferenceValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(provenance, "provenance");
        expiration = expiration.truncatedTo(ChronoUnit.SECONDS);
        value = value.deepCopy();
    }

    @Override
    public JsonNode value() {
        return value.deepCopy();
    }

    /** Expired from the expiration instant on. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiration);
    }

    /** The reference's stored form, {@code {"version","name","expiration","value"}}. */
    public ObjectNode toReferenceJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("version", version);
        node.put("name", name);
        node.put("expiration", format(expiration));
        node.set("value", value.deepCopy());
        return node;
    }

    /** The listing form: the stored form plus {@code expired} (at {@code now}) and {@code provenance}. */
    public ObjectNode toListingJson(Instant now) {
        ObjectNode node = toReferenceJson();
        node.put("expired", isExpiredAt(now));
        ObjectNode origin = node.putObject("provenance");
        origin.put("provider", provenance.provider());
        origin.put("source_digest", provenance.sourceDigest());
        ArrayNode signers = origin.putArray("signer_key_ids");
        provenance.signerKeyIds().forEach(signers::add);
        origin.put("registered_at", format(provenance.registeredAt()));
        return node;
    }

    /** RFC 3339 UTC to the second, the reference's {@code %Y-%m-%dT%H:%M:%SZ}. */
    public static String format(Instant instant) {
        return TIME_FORMAT.format(instant);
    }
}
