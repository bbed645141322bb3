package io.coco4j.rego.ast;

import java.util.List;

/**
 * A call {@code f(args)}. Infix operators are calls to the builtins OPA names them by
 * ({@code plus}, {@code equal}, {@code internal.member_2}, ...), with {@code infix} set to the
 * operator symbol for display. The parser leaves {@code target} null; the compiler resolves it.
 */
public final class Call extends Term {
    /** The {@code infix} marker of a call-less reference to a function (a {@code with} target or replacement). */
    public static final String FUNCTION_REF = "fn";

    private final String name;
    private final List<Term> args;
    private final String infix;
    private final CallTarget target;

    public Call(Location location, String name, List<Term> args, String infix) {
        this(location, name, args, infix, null);
    }

    public Call(Location location, String name, List<Term> args, String infix, CallTarget target) {
        super(location);
        this.name = name;
        this.args = List.copyOf(args);
        this.infix = infix;
        this.target = target;
    }

    /** The function name as written, or the resolved path (e.g. {@code data.pkg.f}) after compilation. */
    public String name() {
        return name;
    }

    public List<Term> args() {
        return args;
    }

    public String infix() {
        return infix;
    }

    public CallTarget target() {
        return target;
    }

    @Override
    public Kind kind() {
        return Kind.CALL;
    }

    @Override
    public String toString() {
        if (FUNCTION_REF.equals(infix)) {
            return name;
        }
        if ("u-".equals(infix)) {
            return "-" + args.get(1);
        }
        if (infix != null && args.size() == 2) {
            return args.get(0) + " " + infix + " " + args.get(1);
        }
        return name + "(" + String.join(", ", args.stream().map(Object::toString).toList()) + ")";
    }
}
