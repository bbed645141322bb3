package io.coco4j.rego.builtins;

import java.util.List;

/** A group of related builtins (strings, numbers, time, ...), each family one class. */
public interface BuiltinFamily {
    List<Builtin> builtins();

    static List<BuiltinFamily> all() {
        return List.of(new ComparisonBuiltins(), new ArithmeticBuiltins(), new SetBuiltins(), new MembershipBuiltins(),
                new AggregateBuiltins(), new TypeBuiltins(), new DebugBuiltins(), new StringBuiltins(), new ObjectBuiltins(),
                new ArrayBuiltins(), new EncodingBuiltins(), new JsonBuiltins(), new RegexBuiltins(), new UnitsBuiltins(),
                new BitsBuiltins(), new WalkBuiltin(), new GlobBuiltins(), new SemverBuiltins(), new UuidBuiltins(),
                new CryptoBuiltins(), new TimeBuiltins());
    }
}
