package io.coco4j.rego.builtins;

import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code semver.is_valid} and {@code semver.compare} (Semantic Versioning 2.0.0; a leading {@code v} is rejected). */
final class SemverBuiltins implements BuiltinFamily {
    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("semver.is_valid", 1, (a, c) -> {
                    if (!(a[0] instanceof StringValue s)) {
                        if (c.compatibility() == io.coco4j.rego.Compatibility.REGORUS) {
                            throw Operands.typeError("semver.is_valid", 0, Operands.Kind.STRING, a[0], c);
                        }
                        return BooleanValue.FALSE;
                    }
                    return BooleanValue.of(SEMVER.matcher(s.value()).matches());
                }),
                SimpleBuiltin.of("semver.compare", 2, SemverBuiltins::compare));
    }

    private static Matcher parse(String name, Value[] a, int i, BuiltinContext c) {
        String s = Operands.string(name, a, i, c);
        Matcher m = SEMVER.matcher(s);
        if (!m.matches()) {
            throw Operands.failure(name, "operand " + (i + 1) + ": string \"" + s + "\" is not a valid SemVer");
        }
        return m;
    }

    private static Value compare(Value[] a, BuiltinContext c) {
        Operands.string("semver.compare", a, 0, c);
        Operands.string("semver.compare", a, 1, c);
        Matcher x = parse("semver.compare", a, 0, c);
        Matcher y = parse("semver.compare", a, 1, c);
        for (int g = 1; g <= 3; g++) {
            int r = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
            if (r != 0) {
                return NumberValue.of(Integer.signum(r));
            }
        }
        String px = x.group(4);
        String py = y.group(4);
        if (px == null || py == null) {
            return NumberValue.of(px == null && py == null ? 0 : px == null ? 1 : -1);
        }
        String[] ix = px.split("\\.");
        String[] iy = py.split("\\.");
        for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
            boolean nx = ix[i].matches("\\d+");
            boolean ny = iy[i].matches("\\d+");
            int r;
            if (nx && ny) {
                r = new BigInteger(ix[i]).compareTo(new BigInteger(iy[i]));
            } else if (nx || ny) {
                r = nx ? -1 : 1;
            } else {
                r = ix[i].compareTo(iy[i]);
            }
            if (r != 0) {
                return NumberValue.of(Integer.signum(r));
            }
        }
        return NumberValue.of(Integer.signum(Integer.compare(ix.length, iy.length)));
    }
}
