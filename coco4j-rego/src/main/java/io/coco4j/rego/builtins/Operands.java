package io.coco4j.rego.builtins;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.math.BigInteger;

/**
 * Operand checks shared by builtins. A wrong operand type raises {@link ErrorCode#EVAL_TYPE}
 * worded as OPA words it ({@code count: operand 1 must be ... but got number}) or, in regorus
 * compatibility, as regorus does ({@code `count` requires array/object/set/string argument.}).
 */
public final class Operands {
    private Operands() {
    }

    /** Expected-type descriptions: OPA's wording, regorus' wording, and whether regorus says "requires". */
    public enum Kind {
        STRING("string", "string", false),
        NUMBER("number", "numeric", false),
        INTEGER("integer number", "numeric", false),
        BOOLEAN("boolean", "boolean", false),
        ARRAY("array", "array", false),
        OBJECT("object", "object", false),
        SET("set", "set", false),
        ARRAY_OR_SET("one of {array, set}", "array/set", true),
        COLLECTION("one of {array, object, set}", "array/object/set", true),
        COUNTABLE("one of {array, object, set, string}", "array/object/set/string", true),
        STRING_OR_ARRAY("one of {string, array}", "string/array", false),
        STRINGS("one of {string, set, array}", "string/set/array", false),
        ANY_OF_STRINGS("array of strings", "array of strings", false);

        final String opa;
        final String regorus;
        final boolean requires;

        Kind(String opa, String regorus, boolean requires) {
            this.opa = opa;
            this.regorus = regorus;
            this.requires = requires;
        }
    }

    /** The name regorus uses for an operator builtin in messages. */
    static String regorusName(String name) {
        switch (name) {
            case "plus":
                return "add";
            case "minus":
                return "sub";
            case "rem":
                return "mod";
            default:
                return name;
        }
    }

    public static BuiltinException typeError(String builtin, int index, Kind kind, Value actual, BuiltinContext ctx) {
        if (ctx.compatibility() == Compatibility.REGORUS) {
            String n = regorusName(builtin);
            if (kind.requires) {
                return new BuiltinException(ErrorCode.EVAL_TYPE, "`" + n + "` requires " + kind.regorus + " argument. Got `"
                        + Json.write(actual) + "` instead");
            }
            return new BuiltinException(ErrorCode.EVAL_TYPE, "`" + n + "` expects " + kind.regorus + " argument. Got `"
                    + Json.write(actual) + "` instead");
        }
        return new BuiltinException(ErrorCode.EVAL_TYPE, builtin + ": operand " + (index + 1) + " must be " + kind.opa
                + " but got " + actual.type().typeName());
    }

    /** A type error with a custom description of what was expected (same wording rules). */
    public static BuiltinException typeError(String builtin, int index, String opaExpected, String regorusExpected,
            Value actual, BuiltinContext ctx) {
        if (ctx.compatibility() == Compatibility.REGORUS) {
            return new BuiltinException(ErrorCode.EVAL_TYPE, "`" + regorusName(builtin) + "` expects " + regorusExpected
                    + ". Got `" + Json.write(actual) + "` instead");
        }
        return new BuiltinException(ErrorCode.EVAL_TYPE, builtin + ": operand " + (index + 1) + " must be " + opaExpected
                + " but got " + actual.type().typeName());
    }

    public static BuiltinException failure(String builtin, String message) {
        return new BuiltinException(ErrorCode.EVAL_BUILTIN, builtin + ": " + message);
    }

    public static String string(String b, Value[] args, int i, BuiltinContext ctx) {
        if (args[i] instanceof StringValue s) {
            return s.value();
        }
        throw typeError(b, i, Kind.STRING, args[i], ctx);
    }

    public static NumberValue number(String b, Value[] args, int i, BuiltinContext ctx) {
        if (args[i] instanceof NumberValue n) {
            return n;
        }
        throw typeError(b, i, Kind.NUMBER, args[i], ctx);
    }

    /** An integer operand; a non-integral number is a type error as OPA reports it. */
    public static BigInteger integer(String b, Value[] args, int i, BuiltinContext ctx) {
        NumberValue n = number(b, args, i, ctx);
        return n.toBigInteger().orElseThrow(() -> ctx.compatibility() == Compatibility.REGORUS
                ? new BuiltinException(ErrorCode.EVAL_TYPE, "`" + regorusName(b) + "` expects integer argument. Got `" + n
                        + "` instead (must be integer)")
                : new BuiltinException(ErrorCode.EVAL_TYPE, b + ": operand " + (i + 1)
                        + " must be integer number but got floating-point number"));
    }

    /** An integer operand that must fit an int. */
    public static int smallInt(String b, Value[] args, int i, BuiltinContext ctx) {
        BigInteger v = integer(b, args, i, ctx);
        if (v.bitLength() > 31) {
            throw failure(b, "operand " + (i + 1) + " is out of range");
        }
        return v.intValue();
    }

    public static boolean bool(String b, Value[] args, int i, BuiltinContext ctx) {
        if (args[i] instanceof BooleanValue v) {
            return v.value();
        }
        throw typeError(b, i, Kind.BOOLEAN, args[i], ctx);
    }

    public static ArrayValue array(String b, Value[] args, int i, BuiltinContext ctx) {
        if (args[i] instanceof ArrayValue a) {
            return a;
        }
        throw typeError(b, i, Kind.ARRAY, args[i], ctx);
    }

    public static ObjectValue object(String b, Value[] args, int i, BuiltinContext ctx) {
        if (args[i] instanceof ObjectValue o) {
            return o;
        }
        throw typeError(b, i, Kind.OBJECT, args[i], ctx);
    }

    public static SetValue set(String b, Value[] args, int i, BuiltinContext ctx) {
        if (args[i] instanceof SetValue s) {
            return s;
        }
        throw typeError(b, i, Kind.SET, args[i], ctx);
    }

    /** Elements of an array or set operand. */
    public static java.util.List<Value> arrayOrSet(String b, Value[] args, int i, BuiltinContext ctx) {
        if (args[i] instanceof ArrayValue a) {
            return a.asList();
        }
        if (args[i] instanceof SetValue s) {
            return s.elements();
        }
        throw typeError(b, i, Kind.ARRAY_OR_SET, args[i], ctx);
    }
}
