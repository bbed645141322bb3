package io.coco4j.cli.rego;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegoCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RegoCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void evalPrintsResultLikeOpaEval() throws Exception {
        Path policy = write("policy.rego", "package policy\n\nallow if input.user == data.admin\n");
        Path data = write("data.json", "{\"admin\": \"alice\"}");
        Path input = write("input.json", "{\"user\": \"alice\"}");
        Run r = run("eval", "-d", policy.toString(), "-d", data.toString(), "-i", input.toString(), "data.policy.allow");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"result\"").contains("\"value\" : true").contains("\"text\" : \"data.policy.allow\"");
    }

    @Test
    void evalWithBindingsAndUndefinedResult() throws Exception {
        Path policy = write("p.rego", "package p\n\nxs := [1, 2, 3]\n");
        Run r = run("eval", "-d", policy.toString(), "x := data.p.xs[_]; x > 1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"bindings\"").contains("\"x\" : 2").contains("\"x\" : 3").doesNotContain("\"x\" : 1");
        Run undefined = run("eval", "-d", policy.toString(), "data.p.nothing");
        assertThat(undefined.exit()).isZero();
        assertThat(undefined.out().strip()).isEqualTo("{ }");
    }

    @Test
    void evalExplainShowsTheFailingStatement() throws Exception {
        Path policy = write("policy.rego", "package policy\n\ndefault allow := false\n\nallow if {\n  input.role == \"admin\"\n  input.mfa\n}\n");
        Path input = write("input.json", "{\"role\": \"admin\", \"mfa\": false}");
        Run r = run("eval", "--explain", "-d", policy.toString(), "-i", input.toString(), "data.policy.allow");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Enter data.policy.allow").contains("Fail " + policy + ":7:3 input.mfa")
                .contains("\"value\" : false");
    }

    @Test
    void evalV0Policy() throws Exception {
        Path policy = write("v0.rego", "package kata\n\nallow { input.x == 1 }\n");
        Path input = write("in.json", "{\"x\": 1}");
        assertThat(run("eval", "-d", policy.toString(), "-i", input.toString(), "data.kata.allow").exit()).isEqualTo(1);
        Run r = run("eval", "--v0", "-d", policy.toString(), "-i", input.toString(), "data.kata.allow");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"value\" : true");
    }

    @Test
    void evalReportsEvaluationErrorsWithLocation() throws Exception {
        Path policy = write("bad.rego", "package bad\n\nx := count(1)\n");
        Run r = run("eval", "-d", policy.toString(), "data.bad.x");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(policy + ":3:6: eval_type_error: count: operand 1 must be one of");
    }

    @Test
    void checkAcceptsValidAndRejectsInvalidPolicies() throws Exception {
        Path good = write("good.rego", "package good\n\nallow if true\n");
        Path bad = write("bad.rego", "package bad\n\nallow if {\n  x := 1\n  y > 2\n}\n");
        Run ok = run("check", good.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("1 file(s) OK");
        Run ko = run("check", good.toString(), bad.toString());
        assertThat(ko.exit()).isEqualTo(1);
        assertThat(ko.err()).contains(bad + ":5:3: rego_unsafe_var_error: var y is unsafe");
        Run parse = run("check", write("syntax.rego", "package s\n\nallow if {\n").toString());
        assertThat(parse.exit()).isEqualTo(1);
        assertThat(parse.err()).contains("syntax.rego:4:1: rego_parse_error");
    }

    @Test
    void conformanceCountsAndExitCode() throws Exception {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.writeString(cases.resolve("ok.yaml"), """
                cases:
                  - note: sum
                    query: data.t.p = x
                    modules:
                      - |
                        package t
                        p := 1 + 2
                    want_result:
                      - x: 3
                """);
        Run pass = run("conformance", cases.toString());
        assertThat(pass.exit()).isZero();
        assertThat(pass.out().strip()).endsWith("1 passed, 0 failed");
        Files.writeString(cases.resolve("bad.yaml"), """
                cases:
                  - note: wrong
                    query: data.t.p = x
                    modules:
                      - |
                        package t
                        p := 1 + 2
                    want_result:
                      - x: 4
                """);
        Run fail = run("conformance", cases.toString());
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL ").contains("[wrong]");
        assertThat(fail.out().strip()).endsWith("1 passed, 1 failed");
    }
}
