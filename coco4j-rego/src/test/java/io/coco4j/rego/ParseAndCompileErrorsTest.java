package io.coco4j.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.rego.ast.RegoVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy authors get file:line:column and a message they can act on. */
class ParseAndCompileErrorsTest {
    private final RegoEngine v1 = RegoEngine.builder().build();
    private final RegoEngine v0 = RegoEngine.builder().regoVersion(RegoVersion.V0).build();

    private static RegoError error(RegoEngine engine, String text) {
        List<RegoError> errors = engine.check(List.of(new PolicySource("policy.rego", text)));
        assertThat(errors).as("errors for:\n" + text).isNotEmpty();
        return errors.get(0);
    }

    @Test
    void parseErrorsCarryFileLineAndColumn() {
        RegoError e = error(v1, "package p\n\nallow if {\n  input.x ==\n}\n");
        assertThat(e.code()).isEqualTo(ErrorCode.PARSE);
        assertThat(e.location().file()).isEqualTo("policy.rego");
        assertThat(e.location().line()).isEqualTo(5);
        assertThat(e.location().column()).isEqualTo(1);
        assertThat(e.toString()).startsWith("policy.rego:5:1: rego_parse_error: unexpected `}`");
    }

    @Test
    void typicalMistakes() {
        assertThat(error(v1, "package p\nallow { true }\n").message()).isEqualTo("`if` keyword is required before rule body");
        assertThat(error(v1, "package p\nq[x] { x := 1 }\n").message()).contains("`if` keyword is required");
        assertThat(error(v1, "package p\np.a\n").message()).contains("`contains` keyword is required for partial set rules");
        assertThat(error(v1, "allow := true\n").message()).contains("expecting `package`");
        assertThat(error(v1, "package p\nx := \"abc\n").message()).contains("unterminated string");
        assertThat(error(v1, "package p\nx := 1 +\n").code()).isEqualTo(ErrorCode.PARSE);
        assertThat(error(v1, "package p\ndefault allow := input.x\n").message()).isEqualTo("invalid `ref` in default value");
        assertThat(error(v1, "package p\ninput := 1\n").message()).isEqualTo("input cannot be shadowed");
        assertThat(error(v1, "package p\nimport rego.v1\nimport future.keywords.in\n").message()).contains("shadows previous import");
    }

    @Test
    void deepNestingIsAParseErrorWhateverTheThreadStack() throws Exception {
        // nested comprehensions, calls and sets exhausted a 1 MiB stack before the nesting limit was reached
        for (String open : List.of("[x | x := ", "f(", "{", "a[", "(")) {
            String policy = "package p\nx := " + open.repeat(3000) + "1\n";
            RegoError[] found = new RegoError[1];
            Thread small = new Thread(null, () -> found[0] = error(v1, policy), "small-stack", 256 * 1024);
            small.start();
            small.join();
            assertThat(found[0]).as(open).isNotNull();
            assertThat(found[0].code()).isEqualTo(ErrorCode.PARSE);
            assertThat(found[0].message()).startsWith("expression nesting is too deep");
        }
    }

    @Test
    void unsafeVariablesAreReportedWhereTheyAppear() {
        RegoError e = error(v1, "package p\n\nallow if {\n  x := y + 1\n}\n");
        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_VAR);
        assertThat(e.toString()).isEqualTo("policy.rego:4:8: rego_unsafe_var_error: var y is unsafe");
        assertThat(error(v1, "package p\nallow if not input.x[y]\n").message()).isEqualTo("var y is unsafe");
        assertThat(error(v1, "package p\np[x] := 1 if true\n").message()).isEqualTo("var x is unsafe");
    }

    @Test
    void unknownFunctionsAndArity() {
        RegoError e = error(v1, "package p\nx := cuont([1])\n");
        assertThat(e.code()).isEqualTo(ErrorCode.TYPE);
        assertThat(e.message()).isEqualTo("undefined function cuont");
        assertThat(error(v1, "package p\nx := count([1], 2, 3)\n").message()).contains("count: arity mismatch");
        assertThat(error(v1, "package p\nx := cast_array([1])\n").message()).contains("undefined function cast_array");
        // Builtins OPA dropped in v1 remain available to v0 policies.
        assertThat(v0.check(List.of(new PolicySource("p.rego", "package p\nx = cast_array({1})\n")))).isEmpty();
    }

    @Test
    void recursionIsRejectedAtCompileTime() {
        RegoError e = error(v1, "package p\na := b\nb := c\nc := a\n");
        assertThat(e.code()).isEqualTo(ErrorCode.RECURSION);
        assertThat(e.message()).isEqualTo("rule data.p.a is recursive: data.p.a -> data.p.b -> data.p.c -> data.p.a");
        assertThat(error(v1, "package p\nf(x) := f(x + 1)\n").code()).isEqualTo(ErrorCode.RECURSION);
        assertThat(error(v1, "package p\nall_of_p := data.p\n").code()).isEqualTo(ErrorCode.RECURSION);
        assertThat(v1.check(List.of(new PolicySource("p.rego", "package p\nf(x) := 2\ng(x) := f(x)\n"
                + "y := v if v := f(1) with f as g\nz := data.q.r\n"), new PolicySource("q.rego", "package q\nr := data.p.y\n")))).isEmpty();
    }

    @Test
    void conflictingDefinitions() {
        assertThat(error(v1, "package p\nx := 1\nx contains 2\n").message()).contains("conflicting rules data.p.x");
        assertThat(error(v1, "package p\ndefault x := 1\ndefault x := 2\n").message()).contains("multiple default rules data.p.x");
        assertThat(error(v1, "package p\nf(a) := a\nf(a, b) := a\n").message()).contains("arity");
        assertThat(error(v1, "package p\nx := 1 if true\nx.y := 2\n").message()).contains("conflicts with rules defined below it");
        assertThat(error(v1, "package p\nallow if {\n  x := 1\n  x := 2\n}\n").message()).isEqualTo("var x assigned above");
    }

    @Test
    void allErrorsOfAPolicySetAreReportedTogether() {
        List<RegoError> errors = v1.check(List.of(new PolicySource("a.rego", "package a\nx := {\n"),
                new PolicySource("b.rego", "package b\nallow {\n")));
        assertThat(errors).hasSize(2);
        assertThat(errors).extracting(err -> err.location().file()).containsExactlyInAnyOrder("a.rego", "b.rego");
        assertThat(v1.check(List.of(new PolicySource("a.rego", "package a\nx := y\nz := w\n")))).hasSize(2);
        assertThatThrownBy(() -> v1.prepare(new PolicySource("a.rego", "package a\nx := y\n")))
                .isInstanceOf(RegoException.class).hasMessage("a.rego:2:6: rego_unsafe_var_error: var y is unsafe");
    }

    @Test
    void v0AcceptsOldSyntaxAndV1AcceptsItsSpec53Forms() {
        assertThat(v0.check(List.of(new PolicySource("p.rego", "package p\nimport future.keywords.in\n"
                + "default allow = false\nallow { x := input.xs[_]; x in [1] }\ns[x] { x := 1 }\n")))).isEmpty();
        assertThat(v1.check(List.of(new PolicySource("p.rego", "package p\nimport rego.v1\nimport future.keywords.in\n")))).isNotEmpty();
        assertThat(v1.check(List.of(new PolicySource("p.rego", "package p\nimport future.keywords.if\nimport future.keywords.in\n"
                + "default allow = false\nallow = true if input.x in [1]\nr = v if { v := 1 }\n")))).isEmpty();
    }
}
