package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code regex.*} with Go (RE2) syntax. */
final class RegexBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("regex.match", 2, (a, c) -> BooleanValue.of(
                        pattern("regex.match", Operands.string("regex.match", a, 0, c)).matcher(Operands.string("regex.match", a, 1, c)).find())),
                SimpleBuiltin.of("regex.is_valid", 1, (a, c) -> {
                    if (!(a[0] instanceof StringValue s)) {
                        return BooleanValue.FALSE;
                    }
                    try {
                        GoRegex.compile(s.value());
                        return BooleanValue.TRUE;
                    } catch (PatternSyntaxException e) {
                        return BooleanValue.FALSE;
                    }
                }),
                SimpleBuiltin.of("regex.split", 2, RegexBuiltins::split),
                SimpleBuiltin.of("regex.find_n", 3, RegexBuiltins::findN),
                SimpleBuiltin.of("regex.find_all_string_submatch_n", 3, RegexBuiltins::submatches),
                SimpleBuiltin.of("regex.replace", 3, (a, c) -> StringValue.of(GoRegex.replaceAll(
                        pattern("regex.replace", Operands.string("regex.replace", a, 1, c)),
                        Operands.string("regex.replace", a, 0, c), Operands.string("regex.replace", a, 2, c)))),
                SimpleBuiltin.of("regex.template_match", 4, RegexBuiltins::templateMatch),
                SimpleBuiltin.of("regex.globs_match", 2, RegexBuiltins::globsMatch));
    }

    static Pattern pattern(String name, String re) {
        try {
            return GoRegex.compile(re);
        } catch (PatternSyntaxException e) {
            throw Operands.failure(name, "error parsing regexp: " + e.getDescription() + ": `" + re + "`");
        }
    }

    private static Value split(Value[] a, BuiltinContext c) {
        Pattern p = pattern("regex.split", Operands.string("regex.split", a, 0, c));
        String s = Operands.string("regex.split", a, 1, c);
        List<Value> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        int last = 0;
        while (m.find()) {
            if (m.end() == 0 && m.start() == 0) {
                continue;
            }
            out.add(StringValue.of(s.substring(last, m.start())));
            last = m.end();
        }
        out.add(StringValue.of(s.substring(last)));
        return ArrayValue.of(out);
    }

    private static int limit(String name, Value[] a, int i, BuiltinContext c) {
        return Operands.smallInt(name, a, i, c);
    }

    private static Value findN(Value[] a, BuiltinContext c) {
        Pattern p = pattern("regex.find_n", Operands.string("regex.find_n", a, 0, c));
        String s = Operands.string("regex.find_n", a, 1, c);
        int n = limit("regex.find_n", a, 2, c);
        List<Value> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while ((n < 0 || out.size() < n) && m.find()) {
            out.add(StringValue.of(m.group()));
        }
        return ArrayValue.of(out);
    }

    private static Value submatches(Value[] a, BuiltinContext c) {
        String name = "regex.find_all_string_submatch_n";
        Pattern p = pattern(name, Operands.string(name, a, 0, c));
        String s = Operands.string(name, a, 1, c);
        int n = limit(name, a, 2, c);
        List<Value> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while ((n < 0 || out.size() < n) && m.find()) {
            List<Value> groups = new ArrayList<>();
            for (int g = 0; g <= m.groupCount(); g++) {
                String gv = m.group(g);
                groups.add(StringValue.of(gv == null ? "" : gv));
            }
            out.add(ArrayValue.of(groups));
        }
        return ArrayValue.of(out);
    }

    private static Value templateMatch(Value[] a, BuiltinContext c) {
        String name = "regex.template_match";
        String tpl = Operands.string(name, a, 0, c);
        String s = Operands.string(name, a, 1, c);
        String open = Operands.string(name, a, 2, c);
        String close = Operands.string(name, a, 3, c);
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        while (i < tpl.length()) {
            int o = tpl.indexOf(open, i);
            if (o < 0) {
                re.append(Pattern.quote(tpl.substring(i)));
                break;
            }
            re.append(Pattern.quote(tpl.substring(i, o)));
            int e = tpl.indexOf(close, o + open.length());
            if (e < 0) {
                throw Operands.failure(name, "unbalanced delimiters in template");
            }
            re.append('(').append(GoRegex.translate(tpl.substring(o + open.length(), e))).append(')');
            i = e + close.length();
        }
        re.append('$');
        try {
            return BooleanValue.of(Pattern.compile(re.toString()).matcher(s).matches());
        } catch (PatternSyntaxException ex) {
            throw Operands.failure(name, "error parsing template: " + ex.getDescription());
        }
    }

    /**
     * Whether two patterns (glob-like regular expressions over {@code . * + ? [] |}) can match a
     * common string. Decided by exploring the product of the two patterns' automata.
     */
    private static Value globsMatch(Value[] a, BuiltinContext c) {
        String x = Operands.string("regex.globs_match", a, 0, c);
        String y = Operands.string("regex.globs_match", a, 1, c);
        return BooleanValue.of(RegexIntersection.intersects(x, y));
    }
}
