package io.coco4j.rego.builtins;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import io.coco4j.rego.value.ValueType;
import java.util.List;
import java.util.regex.Pattern;

/** Type tests, {@code type_name} and {@code to_number}. */
final class TypeBuiltins implements BuiltinFamily {
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(inf|infinity|nan)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    @Override
    public List<Builtin> builtins() {
        return List.of(
                is("is_number", ValueType.NUMBER),
                is("is_string", ValueType.STRING),
                is("is_boolean", ValueType.BOOLEAN),
                is("is_array", ValueType.ARRAY),
                is("is_set", ValueType.SET),
                is("is_object", ValueType.OBJECT),
                is("is_null", ValueType.NULL),
                SimpleBuiltin.of("type_name", 1, (a, c) -> StringValue.of(a[0].type().typeName())),
                SimpleBuiltin.of("to_number", 1, TypeBuiltins::toNumber));
    }

    private static Builtin is(String name, ValueType t) {
        return SimpleBuiltin.of(name, 1, (a, c) -> BooleanValue.of(a[0].type() == t));
    }

    private static Value toNumber(Value[] a, BuiltinContext c) {
        Value v = a[0];
        switch (v.type()) {
            case NULL:
                return NumberValue.ZERO;
            case BOOLEAN:
                return ((BooleanValue) v).value() ? NumberValue.ONE : NumberValue.ZERO;
            case NUMBER:
                return v;
            case STRING: {
                String s = ((StringValue) v).value();
                if (!NUMBER.matcher(s).matches()) {
                    if (NOT_FINITE.matcher(s).matches()) {
                        throw new BuiltinException(ErrorCode.EVAL_TYPE, "to_number: operand 1 must be a finite number but got "
                                + v.toRegoString());
                    }
                    throw new BuiltinException(ErrorCode.EVAL_BUILTIN, "to_number: could not parse string as number: "
                            + "strconv.ParseFloat: parsing " + v.toRegoString() + ": invalid syntax");
                }
                return NumberValue.parse(s.startsWith("+") ? s.substring(1) : s);
            }
            default:
                throw Operands.typeError("to_number", 0, "one of {null, boolean, number, string}",
                        "null/boolean/number/string argument", v, c);
        }
    }
}
