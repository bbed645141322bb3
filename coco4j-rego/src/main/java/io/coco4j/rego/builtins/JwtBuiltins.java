package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** {@code io.jwt.decode}: a compact JWS split into header, payload and hex signature, without verification. */
final class JwtBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(SimpleBuiltin.of("io.jwt.decode", 1, JwtBuiltins::decode));
    }

    private static Value decode(Value[] a, BuiltinContext c) {
        String jwt = Operands.string("io.jwt.decode", a, 0, c);
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw Operands.failure("io.jwt.decode", "encoded JWT had no period separators");
        }
        try {
            Value header = Json.parse(new String(Base64.getUrlDecoder().decode(strip(parts[0])), StandardCharsets.UTF_8));
            Value payload = Json.parse(new String(Base64.getUrlDecoder().decode(strip(parts[1])), StandardCharsets.UTF_8));
            String sig = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(strip(parts[2])));
            return ArrayValue.of(header, payload, StringValue.of(sig));
        } catch (IllegalArgumentException e) {
            throw Operands.failure("io.jwt.decode", "JWT is malformed: " + e.getMessage());
        }
    }

    private static String strip(String s) {
        return s.replace("=", "");
    }
}
