package io.coco4j.rego.builtins;

import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** {@code uuid.rfc4122} (a random v4 UUID, stable per key within one evaluation) and {@code uuid.parse}. */
final class UuidBuiltins implements BuiltinFamily {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 100-ns intervals from 1582-10-15 (the UUID epoch) to 1970-01-01. */
    private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.nondeterministic("uuid.rfc4122", 1, UuidBuiltins::rfc4122),
                SimpleBuiltin.of("uuid.parse", 1, (a, c) -> parse(Operands.string("uuid.parse", a, 0, c))));
    }

    private static Value rfc4122(Value[] a, BuiltinContext c) {
        String key = Operands.string("uuid.rfc4122", a, 0, c);
        Map<Object, Object> cache = c.evaluationCache();
        Object k = List.of("uuid.rfc4122", key);
        Object hit = cache.get(k);
        if (hit != null) {
            return (Value) hit;
        }
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String h = HexFormat.of().formatHex(b);
        Value v = StringValue.of(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20));
        cache.put(k, v);
        return v;
    }

    private static Value parse(String s) {
        String hex = s;
        if (hex.startsWith("urn:uuid:")) {
            hex = hex.substring(9);
        }
        if (hex.startsWith("{") && hex.endsWith("}")) {
            hex = hex.substring(1, hex.length() - 1);
        }
        if (hex.length() == 36) {
            if (hex.charAt(8) != '-' || hex.charAt(13) != '-' || hex.charAt(18) != '-' || hex.charAt(23) != '-') {
                return null;
            }
            hex = hex.replace("-", "");
        }
        if (hex.length() != 32 || !hex.matches("[0-9a-fA-F]{32}")) {
            return null;
        }
        byte[] b = HexFormat.of().parseHex(hex);
        int version = (b[6] & 0xff) >> 4;
        ObjectValue.Builder out = ObjectValue.builder();
        out.put("version", NumberValue.of(version));
        out.put("variant", StringValue.of(variant(b[8] & 0xff)));
        long timeLow = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        long timeMid = ((b[4] & 0xffL) << 8) | (b[5] & 0xffL);
        long timeHi = ((b[6] & 0x0fL) << 8) | (b[7] & 0xffL);
        if (version == 1 || version == 2) {
            long t = timeLow | (timeMid << 32) | (timeHi << 48);
            out.put("time", NumberValue.of((t - GREGORIAN_OFFSET) * 100));
            int clockSeq = ((b[8] & 0x3f) << 8) | (b[9] & 0xff);
            out.put("clocksequence", NumberValue.of(clockSeq));
            StringBuilder node = new StringBuilder();
            for (int i = 10; i < 16; i++) {
                if (i > 10) {
                    node.append('-');
                }
                node.append(String.format("%02x", b[i] & 0xff));
            }
            out.put("nodeid", StringValue.of(node.toString()));
            int first = b[10] & 0xff;
            out.put("macvariables", StringValue.of(((first & 2) != 0 ? "local" : "global") + ":"
                    + ((first & 1) != 0 ? "multicast" : "unicast")));
            if (version == 2) {
                out.put("id", NumberValue.of(timeLow));
                int domain = b[9] & 0xff;
                out.put("domain", StringValue.of(domain == 0 ? "Person" : domain == 1 ? "Group" : domain == 2 ? "Org"
                        : "Domain" + domain));
            }
        } else if (version == 6) {
            long t = (timeLow << 28) | (timeMid << 12) | timeHi;
            out.put("time", NumberValue.of((t - GREGORIAN_OFFSET) * 100));
        } else if (version == 7) {
            long ms = (timeLow << 16) | timeMid;
            out.put("time", NumberValue.of(ms * 1_000_000L));
        }
        return out.build();
    }

    private static String variant(int b) {
        if ((b & 0x80) == 0) {
            return "Reserved";
        }
        if ((b & 0xc0) == 0x80) {
            return "RFC4122";
        }
        if ((b & 0xe0) == 0xc0) {
            return "Microsoft";
        }
        return "Future";
    }
}
