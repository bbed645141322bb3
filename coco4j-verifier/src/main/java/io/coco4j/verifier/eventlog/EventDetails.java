package io.coco4j.verifier.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.eventlog.TcgEventType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code details} object of an event claim: what the reference's event-data parsers extract
 * per event type (TCG PC Client PFP §10.2–10.4). Event types without a parser have empty details;
 * data that does not fit its type's structure is an error, as in the reference.
 */
final class EventDetails {

    /** Tagged-event ID of attestation-agent runtime events: ASCII "AAEL" read as a little-endian word. */
    static final int AAEL_TAGGED_EVENT_ID = 0x4141454C;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectReader CONTENT_READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventDetails() {
    }

    static ObjectNode of(TcgEventType type, byte[] data) throws EventDetailException {
        return switch (type) {
            case EV_POST_CODE, EV_ACTION, EV_COMPACT_HASH, EV_OMIT_BOOT_DEVICE_EVENTS, EV_EFI_ACTION ->
                    string(utf8(data, 0, data.length, type));
            case EV_EVENT_TAG -> eventTag(data);
            case EV_PLATFORM_CONFIG_FLAGS -> platformConfigFlags(data);
            case EV_IPL -> ipl(data);
            case EV_EFI_VARIABLE_DRIVER_CONFIG, EV_EFI_VARIABLE_BOOT, EV_EFI_VARIABLE_BOOT2, EV_EFI_VARIABLE_AUTHORITY ->
                    efiVariable(data);
            case EV_EFI_BOOT_SERVICES_APPLICATION -> imageLoad(data);
            case EV_EFI_PLATFORM_FIRMWARE_BLOB2, EV_EFI_HANDOFF_TABLES2 -> lengthPrefixedDescription(data, type);
            default -> NODES.objectNode();
        };
    }

    private static ObjectNode string(String value) {
        ObjectNode details = NODES.objectNode();
        details.put("string", value);
        return details;
    }

    /** TCG_PCClientTaggedEvent; AAEL events also carry {@code domain operation content}. */
    private static ObjectNode eventTag(byte[] data) throws EventDetailException {
        if (data.length < 8) {
            throw new EventDetailException("EV_EVENT_TAG needs an 8-byte header, has " + data.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int id = in.getInt();
        long size = in.getInt() & 0xFFFFFFFFL;
        if (size > data.length - 8) {
            throw new EventDetailException("EV_EVENT_TAG data of " + size + " bytes exceeds the event");
        }
        int end = 8 + (int) size;
        ObjectNode details = string(new String(data, 8, (int) size, StandardCharsets.UTF_8).replace("\0", ""));
        if (id == AAEL_TAGGED_EVENT_ID) {
            String entry = utf8(data, 8, end, TcgEventType.EV_EVENT_TAG);
            int first = entry.indexOf(' ');
            int second = first < 0 ? -1 : entry.indexOf(' ', first + 1);
            if (second < 0) {
                throw new EventDetailException("AAEL event is not \"<domain> <operation> <content>\"");
            }
            ObjectNode aael = NODES.objectNode();
            aael.put("domain", entry.substring(0, first));
            aael.put("operation", entry.substring(first + 1, second));
            aael.set("content", content(entry.substring(second + 1)));
            details.set("data", aael);
            details.put("unicode_name", "AAEL");
        }
        return details;
    }

    /** AAEL content is JSON when it parses as JSON, else the text itself. */
    private static JsonNode content(String text) {
        try {
            JsonNode parsed = CONTENT_READER.readTree(text);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (JsonProcessingException notJson) {
            // fall through: plain text content
        }
        return NODES.textNode(text);
    }

    /** Manufacturer-specific; the text without control characters, DLE read as a space. */
    private static ObjectNode platformConfigFlags(byte[] data) {
        String raw;
        try {
            raw = strictUtf8(data, 0, data.length);
        } catch (CharacterCodingException e) {
            raw = "";
        }
        raw = raw.replace('\u0010', ' ');
        StringBuilder cleaned = new StringBuilder(raw.length());
        raw.codePoints().filter(cp -> Character.getType(cp) != Character.CONTROL).forEach(cleaned::appendCodePoint);
        return string(cleaned.toString());
    }

    /** Vendor-defined: GCE prefixes UTF-16 text with {@code 2e 00}; others log NUL-terminated text. */
    private static ObjectNode ipl(byte[] data) throws EventDetailException {
        if (data.length < 2) {
            throw new EventDetailException("EV_IPL needs at least 2 bytes");
        }
        if (data[0] == 0x2E && data[1] == 0x00) {
            int length = data.length - 2;
            if (length == 0 || length % 2 != 0) {
                throw new EventDetailException("EV_IPL GCE text is not UTF-16");
            }
            return string(new String(data, 2, length - 2, StandardCharsets.UTF_16LE));
        }
        int cut = 0;
        while (cut < data.length && data[cut] != 0) {
            cut++;
        }
        try {
            return string(strictUtf8(data, 0, cut));
        } catch (CharacterCodingException notText) {
            return string(HexFormat.of().formatHex(data));
        }
    }

    /** UEFI_VARIABLE_DATA: GUID, name length, data length, UTF-16 name, data. */
    private static ObjectNode efiVariable(byte[] data) throws EventDetailException {
        if (data.length < 32) {
            throw new EventDetailException("UEFI_VARIABLE_DATA needs 32 header bytes, has " + data.length);
        }
        ByteBuffer in = ByteBuffer.wrap(data, 16, 16).order(ByteOrder.LITTLE_ENDIAN);
        long nameLength = in.getLong();
        long dataLength = in.getLong();
        int remaining = data.length - 32;
        if (nameLength < 0 || nameLength > remaining / 2) {
            throw new EventDetailException("UEFI variable name of " + Long.toUnsignedString(nameLength) + " characters exceeds the event");
        }
        int nameBytes = (int) nameLength * 2;
        String name;
        try {
            name = StandardCharsets.UTF_16LE.newDecoder().decode(ByteBuffer.wrap(data, 32, nameBytes)).toString();
        } catch (CharacterCodingException e) {
            throw new EventDetailException("UEFI variable name is not UTF-16");
        }
        String value = "";
        if (dataLength != 0) {
            if (dataLength < 0 || dataLength > remaining - nameBytes) {
                throw new EventDetailException("UEFI variable data of " + Long.toUnsignedString(dataLength) + " bytes exceeds the event");
            }
            value = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, 32 + nameBytes, 32 + nameBytes + (int) dataLength));
        }
        HexFormat hex = HexFormat.of();
        ObjectNode details = NODES.objectNode();
        details.put("unicode_name", name);
        details.put("unicode_name_length", nameLength);
        details.put("variable_data", value);
        details.put("variable_data_length", dataLength);
        // the reference prints the GUID bytes in storage order, not in registry form
        details.put("variable_name", hex.formatHex(data, 0, 4) + "-" + hex.formatHex(data, 4, 6) + "-"
                + hex.formatHex(data, 6, 8) + "-" + hex.formatHex(data, 8, 10) + "-" + hex.formatHex(data, 10, 16));
        return details;
    }

    /** UEFI_IMAGE_LOAD_EVENT: location, length, link-time address, device-path length, device path. */
    private static ObjectNode imageLoad(byte[] data) throws EventDetailException {
        if (data.length < 32) {
            throw new EventDetailException("UEFI_IMAGE_LOAD_EVENT needs 32 header bytes, has " + data.length);
        }
        long pathLength = ByteBuffer.wrap(data, 24, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode details = NODES.objectNode();
        if (pathLength == 0) {
            return details;
        }
        // the end-of-path node (4 bytes) is not rendered
        if (pathLength < 8 || pathLength - 4 > data.length - 32) {
            throw new EventDetailException("device path of " + Long.toUnsignedString(pathLength) + " bytes does not fit the event");
        }
        byte[] path = java.util.Arrays.copyOfRange(data, 32, 32 + (int) pathLength - 4);
        List<String> nodes = DevicePathText.nodes(path);
        nodes.forEach(details.putArray("device_paths")::add);
        return details;
    }

    /** UEFI_PLATFORM_FIRMWARE_BLOB2 / UEFI_HANDOFF_TABLE_POINTERS2: a length-prefixed description. */
    private static ObjectNode lengthPrefixedDescription(byte[] data, TcgEventType type) throws EventDetailException {
        if (data.length == 0) {
            throw new EventDetailException(type + " needs a description length byte");
        }
        int length = data[0] & 0xFF;
        // the reference reads bytes 1 .. length-1: the last byte, the terminator, is left out
        if (length == 0 || data.length < length) {
            throw new EventDetailException(type + " description of " + length + " bytes does not fit the event");
        }
        return string(utf8(data, 1, length, type));
    }

    private static String utf8(byte[] data, int from, int to, TcgEventType type) throws EventDetailException {
        try {
            return strictUtf8(data, from, to);
        } catch (CharacterCodingException e) {
            throw new EventDetailException(type + " data is not UTF-8 text");
        }
    }

    private static String strictUtf8(byte[] data, int from, int to) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, from, to - from)).toString();
    }
}
