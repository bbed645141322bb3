package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of Intel's TCB info and enclave identity (the exact bytes their signatures cover), read
 * into {@link TcbInfo} and {@link EnclaveIdentity}. Field names follow Intel's PCS v4 API.
 */
final class CollateralJson {

    private CollateralJson() {
    }

    static TcbInfo tcbInfo(byte[] signedBytes) throws MalformedCollateralException {
        JsonNode json = read(signedBytes, "TCB info");
        int version = integer(json, "version", "TCB info");
        if (version != 2 && version != 3) {
            throw new MalformedCollateralException("TCB info version " + version + " is not supported (2 and 3 are)");
        }
        String id = json.hasNonNull("id") ? text(json, "id", "TCB info") : TcbInfo.SGX;
        List<TcbLevel> levels = new ArrayList<>();
        for (JsonNode level : array(json, "tcbLevels", "TCB info")) {
            levels.add(tcbLevel(level, version));
        }
        if (levels.isEmpty()) {
            throw new MalformedCollateralException("TCB info has no TCB levels");
        }
        Optional<TdxModuleIdentity> module = Optional.empty();
        List<TdxModuleIdentity> modules = new ArrayList<>();
        if (json.hasNonNull("tdxModule")) {
            module = Optional.of(tdxModule(json.get("tdxModule"), "", List.of()));
        }
        if (json.hasNonNull("tdxModuleIdentities")) {
            for (JsonNode identity : array(json, "tdxModuleIdentities", "TCB info")) {
                List<EnclaveTcbLevel> moduleLevels = new ArrayList<>();
                for (JsonNode level : array(identity, "tcbLevels", "TDX module identity")) {
                    moduleLevels.add(enclaveTcbLevel(level));
                }
                modules.add(tdxModule(identity, text(identity, "id", "TDX module identity"), moduleLevels));
            }
        }
        return new TcbInfo(id, version, instant(json, "issueDate", "TCB info"), instant(json, "nextUpdate", "TCB info"),
                hex(json, "fmspc", 6, "TCB info"), hex(json, "pceId", 2, "TCB info"), integer(json, "tcbType", "TCB info"),
                number(json, "tcbEvaluationDataNumber", "TCB info"), module, modules, levels);
    }

    private static TcbLevel tcbLevel(JsonNode level, int version) throws MalformedCollateralException {
        JsonNode tcb = object(level, "tcb", "TCB level");
        int[] sgx = new int[16];
        Optional<int[]> tdx = Optional.empty();
        if (version == 2) {
            for (int i = 0; i < 16; i++) {
                sgx[i] = integer(tcb, String.format("sgxtcbcomp%02dsvn", i + 1), "TCB level");
            }
        } else {
            sgx = components(tcb, "sgxtcbcomponents");
            if (tcb.has("tdxtcbcomponents")) {
                tdx = Optional.of(components(tcb, "tdxtcbcomponents"));
            }
        }
        return new TcbLevel(sgx, integer(tcb, "pcesvn", "TCB level"), tdx, instant(level, "tcbDate", "TCB level"),
                status(level), advisories(level));
    }

    private static int[] components(JsonNode tcb, String name) throws MalformedCollateralException {
        List<JsonNode> entries = array(tcb, name, "TCB level");
        if (entries.size() != 16) {
            throw new MalformedCollateralException("TCB level " + name + " has " + entries.size() + " components, not 16");
        }
        int[] out = new int[16];
        for (int i = 0; i < 16; i++) {
            out[i] = integer(entries.get(i), "svn", "TCB component");
        }
        return out;
    }

    private static TdxModuleIdentity tdxModule(JsonNode json, String id, List<EnclaveTcbLevel> levels) throws MalformedCollateralException {
        return new TdxModuleIdentity(id, hex(json, "mrsigner", 48, "TDX module"), hex(json, "attributes", 8, "TDX module"),
                hex(json, "attributesMask", 8, "TDX module"), levels);
    }

    static EnclaveIdentity enclaveIdentity(byte[] signedBytes) throws MalformedCollateralException {
        JsonNode json = read(signedBytes, "QE identity");
        int version = integer(json, "version", "QE identity");
        if (version != 2) {
            throw new MalformedCollateralException("QE identity version " + version + " is not supported (2 is)");
        }
        List<EnclaveTcbLevel> levels = new ArrayList<>();
        for (JsonNode level : array(json, "tcbLevels", "QE identity")) {
            levels.add(enclaveTcbLevel(level));
        }
        return new EnclaveIdentity(text(json, "id", "QE identity"), version, instant(json, "issueDate", "QE identity"),
                instant(json, "nextUpdate", "QE identity"), number(json, "tcbEvaluationDataNumber", "QE identity"),
                unsigned32(hex(json, "miscselect", 4, "QE identity")), unsigned32(hex(json, "miscselectMask", 4, "QE identity")),
                hex(json, "attributes", 16, "QE identity"), hex(json, "attributesMask", 16, "QE identity"),
                hex(json, "mrsigner", 32, "QE identity"), integer(json, "isvprodid", "QE identity"), levels);
    }

    private static EnclaveTcbLevel enclaveTcbLevel(JsonNode level) throws MalformedCollateralException {
        JsonNode tcb = object(level, "tcb", "TCB level");
        return new EnclaveTcbLevel(integer(tcb, "isvsvn", "TCB level"), instant(level, "tcbDate", "TCB level"), status(level),
                advisories(level));
    }

    private static TcbStatus status(JsonNode level) throws MalformedCollateralException {
        String name = text(level, "tcbStatus", "TCB level");
        return TcbStatus.ofIntelName(name).orElseThrow(() -> new MalformedCollateralException("unknown TCB status \"" + name + "\""));
    }

    private static List<String> advisories(JsonNode level) throws MalformedCollateralException {
        List<String> out = new ArrayList<>();
        if (level.hasNonNull("advisoryIDs")) {
            for (JsonNode id : array(level, "advisoryIDs", "TCB level")) {
                if (!id.isTextual()) {
                    throw new MalformedCollateralException("an advisory ID is not a string");
                }
                out.add(id.asText());
            }
        }
        return out;
    }

    private static long unsigned32(byte[] bigEndian) {
        return ((bigEndian[0] & 0xFFL) << 24) | ((bigEndian[1] & 0xFFL) << 16) | ((bigEndian[2] & 0xFFL) << 8) | (bigEndian[3] & 0xFFL);
    }

    private static JsonNode read(byte[] bytes, String what) throws MalformedCollateralException {
        try {
            JsonNode json = Json.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new MalformedCollateralException(what + " is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new MalformedCollateralException(what + " is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode object(JsonNode json, String name, String what) throws MalformedCollateralException {
        JsonNode value = json.get(name);
        if (value == null || !value.isObject()) {
            throw new MalformedCollateralException(what + " has no object \"" + name + "\"");
        }
        return value;
    }

    private static List<JsonNode> array(JsonNode json, String name, String what) throws MalformedCollateralException {
        JsonNode value = json.get(name);
        if (value == null || !value.isArray()) {
            throw new MalformedCollateralException(what + " has no array \"" + name + "\"");
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    static String text(JsonNode json, String name, String what) throws MalformedCollateralException {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual()) {
            throw new MalformedCollateralException(what + " has no string \"" + name + "\"");
        }
        return value.asText();
    }

    private static int integer(JsonNode json, String name, String what) throws MalformedCollateralException {
        long value = number(json, name, what);
        if (value > Integer.MAX_VALUE) {
            throw new MalformedCollateralException(what + " \"" + name + "\" is out of range");
        }
        return (int) value;
    }

    private static long number(JsonNode json, String name, String what) throws MalformedCollateralException {
        JsonNode value = json.get(name);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new MalformedCollateralException(what + " has no non-negative integer \"" + name + "\"");
        }
        return value.asLong();
    }

    private static Instant instant(JsonNode json, String name, String what) throws MalformedCollateralException {
        String value = text(json, name, what);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedCollateralException(what + " \"" + name + "\" is not an RFC 3339 time: " + value);
        }
    }

    private static byte[] hex(JsonNode json, String name, int size, String what) throws MalformedCollateralException {
        String value = text(json, name, what);
        try {
            byte[] bytes = HexFormat.of().parseHex(value);
            if (bytes.length != size) {
                throw new MalformedCollateralException(what + " \"" + name + "\" is " + bytes.length + " bytes, not " + size);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new MalformedCollateralException(what + " \"" + name + "\" is not hex");
        }
    }
}
