package io.coco4j.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.eval.TraceEvent;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.NullValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegoEngineTest {
    private static final RegoEngine ENGINE = RegoEngine.builder().build();

    private static PreparedPolicy prepare(String text) {
        return ENGINE.prepare(new PolicySource("policy.rego", text));
    }

    private static Value json(String s) {
        return Json.parse(s);
    }

    @Test
    void ruleResultDistinguishesAbsentUndefinedFalseAndValues() {
        PreparedPolicy p = prepare("""
                package policy

                allow if input.user == "alice"

                deny := false

                default level := 0
                level := 2 if input.admin
                """);
        RuleResult absent = p.evaluateRule("data.policy.missing", json("{}"), null);
        assertThat(absent.outcome()).isEqualTo(RuleResult.Outcome.ABSENT);
        RuleResult undefined = p.evaluateRule("data.policy.allow", json("{\"user\": \"bob\"}"), null);
        assertThat(undefined.outcome()).isEqualTo(RuleResult.Outcome.UNDEFINED);
        assertThat(undefined.isTrue()).isFalse();
        RuleResult allowed = p.evaluateRule("data.policy.allow", json("{\"user\": \"alice\"}"), null);
        assertThat(allowed.isTrue()).isTrue();
        RuleResult no = p.evaluateRule("data.policy.deny", null, null);
        assertThat(no.outcome()).isEqualTo(RuleResult.Outcome.DEFINED);
        assertThat(no.value()).isEqualTo(BooleanValue.FALSE);
        assertThat(p.evaluateRule("data.policy.level", json("{}"), null).value()).isEqualTo(NumberValue.ZERO);
        assertThat(p.evaluateRule("data.policy.level", json("{\"admin\": true}"), null).value()).isEqualTo(NumberValue.of(2));
        assertThat(p.evaluateRule("data.policy", json("{\"admin\": true}"), null).value())
                .isEqualTo(json("{\"deny\": false, \"level\": 2}"));
    }

    @Test
    void evaluationErrorsAreThrownNotTurnedIntoDecisions() {
        PreparedPolicy p = prepare("""
                package policy

                allow if not bad

                bad if count(input.items) > 1
                """);
        assertThat(p.evaluateRule("data.policy.allow", json("{\"items\": [1]}"), null).isTrue()).isTrue();
        assertThatThrownBy(() -> p.evaluateRule("data.policy.allow", json("{\"items\": 5}"), null))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo(ErrorCode.EVAL_TYPE))
                .hasMessageContaining("policy.rego:5:8: eval_type_error: count: operand 1 must be");
        // Only when asked for OPA's lenient mode does the failing builtin become undefined.
        RuleResult lenient = p.evaluation().input(json("{\"items\": 5}")).strictBuiltinErrors(false).rule("data.policy.allow");
        assertThat(lenient.isTrue()).isTrue();
    }

    @Test
    void conflictsAreErrors() {
        PreparedPolicy p = prepare("""
                package policy

                x := 1 if input.a
                x := 2 if input.b
                f(v) := 1 if v > 0
                f(v) := 2 if v > 1
                y := f(input.n)
                """);
        assertThat(p.evaluateRule("data.policy.x", json("{\"a\": true}"), null).value()).isEqualTo(NumberValue.ONE);
        assertThatThrownBy(() -> p.evaluateRule("data.policy.x", json("{\"a\": true, \"b\": true}"), null))
                .isInstanceOf(RegoException.class).hasMessageContaining("eval_conflict_error: rule data.policy.x produced conflicting values");
        assertThatThrownBy(() -> p.evaluateRule("data.policy.y", json("{\"n\": 5}"), null))
                .hasMessageContaining("function data.policy.f produced conflicting values for the same inputs");
    }

    @Test
    void hostFunctionsAreCallable() {
        Map<String, Value> store = Map.of("svn", ArrayValue.of(NumberValue.of(1), NumberValue.of(2)));
        AtomicInteger calls = new AtomicInteger();
        RegoEngine engine = RegoEngine.builder().hostFunction("query_reference_value", 1, args -> {
            calls.incrementAndGet();
            Value v = store.get(((StringValue) args.get(0)).value());
            return v == null ? NullValue.INSTANCE : v;
        }).build();
        PreparedPolicy p = engine.prepare(new PolicySource("p.rego", """
                package policy

                hardware := 2 if input.svn in query_reference_value("svn")
                missing := query_reference_value("nothing")
                """));
        assertThat(p.evaluateRule("data.policy.hardware", json("{\"svn\": 2}"), null).value()).isEqualTo(NumberValue.of(2));
        assertThat(p.evaluateRule("data.policy.hardware", json("{\"svn\": 3}"), null).outcome()).isEqualTo(RuleResult.Outcome.UNDEFINED);
        assertThat(p.evaluateRule("data.policy.missing", null, null).value()).isEqualTo(NullValue.INSTANCE);
        assertThat(calls.get()).isEqualTo(3);

        RegoEngine failing = RegoEngine.builder().hostFunction("query_reference_value", 1, args -> {
            throw new java.io.IOException("reference value service unreachable");
        }).strictBuiltinErrors(false).build();
        PreparedPolicy q = failing.prepare(new PolicySource("p.rego", "package policy\nallow if not query_reference_value(\"x\")\n"));
        // A host function failure is an error even in lenient mode: it must never turn into an allow.
        assertThatThrownBy(() -> q.evaluateRule("data.policy.allow", null, null))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("eval_host_function_error: query_reference_value: reference value service unreachable");
    }

    @Test
    void queriesReturnEverySolution() {
        PreparedPolicy p = prepare("package t\nusers := {\"alice\": 1, \"bob\": 2, \"carol\": 3}\n");
        QueryResult r = p.query("some name, n in data.t.users; n >= 2", null, null);
        assertThat(r.solutions()).extracting(s -> s.bindings().get("name"))
                .containsExactly(StringValue.of("bob"), StringValue.of("carol"));
        assertThat(p.query("data.t.users.nobody", null, null).isUndefined()).isTrue();
        assertThat(p.query("x := 1 + 2 * 3", null, null).solutions().get(0).bindings().get("x")).isEqualTo(NumberValue.of(7));
    }

    @Test
    void runawayComprehensionStopsAtTheStepLimit() {
        PreparedPolicy p = RegoEngine.builder().limits(Limits.DEFAULT.withMaxSteps(200_000)).build().prepare(new PolicySource("p.rego", """
                package p
                n := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000)])
                """));
        assertThatThrownBy(() -> p.evaluateRule("data.p.n", null, null))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo(ErrorCode.EVAL_LIMIT))
                .hasMessageContaining("exceeded the limit of 200000 steps");
    }

    @Test
    void catastrophicRegularExpressionsAreStoppedByTheLimits() {
        PreparedPolicy p = RegoEngine.builder().limits(Limits.DEFAULT.withMaxSteps(1_000_000)).strictBuiltinErrors(false).build()
                .prepare(new PolicySource("p.rego", "package p\nm if regex.match(`(.*a){12}$`, input)\n"));
        long t0 = System.nanoTime();
        // Without the guard this match backtracks for hours.
        assertThatThrownBy(() -> p.evaluateRule("data.p.m", StringValue.of("a".repeat(40) + "!"), null))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo(ErrorCode.EVAL_LIMIT));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(p.evaluateRule("data.p.m", StringValue.of("a".repeat(12)), null).isTrue()).isTrue();
    }

    @Test
    void timeLimitStopsEvaluation() {
        PreparedPolicy p = RegoEngine.builder().limits(Limits.DEFAULT.withTimeLimit(Duration.ofMillis(50)).withCheckInterval(100))
                .build().prepare(new PolicySource("p.rego", """
                        package p
                        n := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000)])
                        """));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> p.evaluateRule("data.p.n", null, null)).hasMessageContaining("exceeded time limit of 50 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void recursionIsAnErrorNotAStackOverflow() {
        // OPA compatibility rejects it when compiling; regorus compatibility finds it while evaluating.
        assertThatThrownBy(() -> prepare("package p\nf(x) := f(x + 1)\ny := f(1)\n"))
                .isInstanceOf(RegoException.class).hasMessageContaining("rego_recursion_error: rule data.p.f is recursive");
        PreparedPolicy p = RegoEngine.builder().compatibility(Compatibility.REGORUS).build().prepare(new PolicySource("policy.rego", """
                package p
                f(x) := f(x + 1)
                a := b
                b := a
                y := f(1)
                """));
        assertThatThrownBy(() -> p.evaluateRule("data.p.y", null, null))
                .isInstanceOf(RegoException.class).hasMessageContaining("recursion detected");
        assertThatThrownBy(() -> p.evaluateRule("data.p.a", null, null))
                .isInstanceOf(RegoException.class).hasMessageContaining("recursion detected: rule data.p.a");
    }

    @Test
    void deepRuleChainsStopAtTheDepthLimit() {
        StringBuilder sb = new StringBuilder("package p\n");
        for (int i = 0; i < 3000; i++) {
            sb.append("r").append(i).append(" := r").append(i + 1).append(" + 1\n");
        }
        sb.append("r3000 := 0\n");
        PreparedPolicy p = ENGINE.prepare(new PolicySource("deep.rego", sb.toString()));
        assertThatThrownBy(() -> p.evaluateRule("data.p.r0", null, null))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo(ErrorCode.EVAL_LIMIT))
                .hasMessageContaining("maximum nesting depth");
        // Even with the depth limit lifted, exhausting the stack surfaces as a limit error.
        StringBuilder big = new StringBuilder("package p\n");
        for (int i = 0; i < 60000; i++) {
            big.append("r").append(i).append(" := r").append(i + 1).append(" + 1\n");
        }
        big.append("r60000 := 0\n");
        PreparedPolicy deep = RegoEngine.builder().limits(Limits.DEFAULT.withMaxDepth(10_000_000)).build()
                .prepare(new PolicySource("deeper.rego", big.toString()));
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                deep.evaluateRule("data.p.r0", null, null);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(thrown.get()).isInstanceOf(RegoException.class).hasMessageContaining("stack exhausted");
    }

    @Test
    void explainRecordsWhichBodyFailedWhere() {
        PreparedPolicy p = prepare("""
                package policy

                default allow := false

                allow if {
                  input.role == "admin"
                  input.mfa
                }

                allow if {
                  input.role == "owner"
                }
                """);
        RuleResult r = p.evaluation().input(json("{\"role\": \"admin\", \"mfa\": false}")).explain(true).rule("data.policy.allow");
        assertThat(r.value()).isEqualTo(BooleanValue.FALSE);
        List<String> lines = r.trace().stream().map(TraceEvent::toString).toList();
        assertThat(lines).anyMatch(l -> l.contains("Enter data.policy.allow at policy.rego:5:1"));
        assertThat(r.trace()).anyMatch(e -> e.kind() == TraceEvent.Kind.FAIL && e.location().line() == 7
                && e.text().equals("input.mfa  (value false)"));
        assertThat(r.trace()).anyMatch(e -> e.kind() == TraceEvent.Kind.FAIL && e.location().line() == 11
                && e.text().equals("input.role == \"owner\"  (value false)"));
        RuleResult loop = p.evaluation().input(json("{\"role\": \"x\", \"groups\": [\"a\"]}")).explain(true)
                .rule("data.policy.allow");
        assertThat(loop.trace()).extracting(TraceEvent::toString)
                .anyMatch(l -> l.contains("Fail policy.rego:6:3 input.role == \"admin\"  (value false)"));
        assertThat(lines).anyMatch(l -> l.contains("Value data.policy.allow = false"));
        assertThat(p.evaluation().input(json("{}")).rule("data.policy.allow").trace()).isEmpty();
    }

    @Test
    void preparedPoliciesAreSafeToShareAcrossThreads() throws Exception {
        PreparedPolicy p = prepare("""
                package policy
                import rego.v1

                allow if {
                  some item in input.items
                  item.id == input.want
                }
                total := sum([i.n | some i in input.items])
                """);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        int n = seed * 1000 + i;
                        Value in = json("{\"want\": " + n + ", \"items\": [{\"id\": " + n + ", \"n\": 2}, {\"id\": -1, \"n\": " + i + "}]}");
                        if (!p.evaluateRule("data.policy.allow", in, null).isTrue()
                                || !p.evaluateRule("data.policy.total", in, null).value().equals(NumberValue.of(2 + i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withReplacesInputDataAndFunctions() {
        PreparedPolicy p = prepare("""
                package policy

                allow if input.user == data.admins[_]
                check_alice if allow with input.user as "alice" with data.admins as ["alice"]
                mocked if count([1, 2, 3]) == 10 with count as ten
                ten(_) := 10
                """);
        assertThat(p.evaluateRule("data.policy.check_alice", json("{\"user\": \"bob\"}"), json("{\"admins\": [\"bob\"]}")).isTrue()).isTrue();
        assertThat(p.evaluateRule("data.policy.allow", json("{\"user\": \"alice\"}"), json("{\"admins\": [\"bob\"]}")).isTrue()).isFalse();
        assertThat(p.evaluateRule("data.policy.mocked", null, null).isTrue()).isTrue();
    }

    @Test
    void v0ModeAndRegorusCompatibility() {
        RegoEngine kata = RegoEngine.builder().regoVersion(RegoVersion.V0).compatibility(Compatibility.REGORUS)
                .strictBuiltinErrors(false).build();
        PreparedPolicy p = kata.prepare(new PolicySource("agent.rego", """
                package agent_policy
                import future.keywords.in

                default CreateContainerRequest := false
                CreateContainerRequest {
                    some c in input.containers
                    c.name == "pause"
                    print("matched", c)
                }
                sum := 0.1 + 0.2
                """));
        List<String> prints = new ArrayList<>();
        RuleResult r = p.evaluation().input(json("{\"containers\": [{\"name\": \"pause\"}]}"))
                .prints((loc, msg) -> prints.add(loc.file() + ":" + loc.line() + ": " + msg)).rule("data.agent_policy.CreateContainerRequest");
        assertThat(r.isTrue()).isTrue();
        assertThat(prints).containsExactly("agent.rego:8: matched {\"name\": \"pause\"}");
        assertThat(p.evaluateRule("data.agent_policy.sum", null, null).value()).isEqualTo(NumberValue.parse("0.30000000000000004"));
        assertThat(ENGINE.prepare(new PolicySource("p.rego", "package p\nsum := 0.1 + 0.2\n"))
                .evaluateRule("data.p.sum", null, null).value()).isEqualTo(NumberValue.parse("0.3"));
    }

    @Test
    void inputIsUndefinedUnlessGiven() {
        PreparedPolicy p = prepare("package p\nhas_input if input\nanything if true\n");
        assertThat(p.evaluateRule("data.p.has_input", null, null).outcome()).isEqualTo(RuleResult.Outcome.UNDEFINED);
        assertThat(p.evaluateRule("data.p.has_input", ObjectValue.EMPTY, null).isTrue()).isTrue();
        assertThat(p.rules()).contains("data.p.has_input", "data.p.anything");
    }
}
