package io.coco4j.rego.conformance;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.Evaluation;
import io.coco4j.rego.Limits;
import io.coco4j.rego.PolicySource;
import io.coco4j.rego.PreparedPolicy;
import io.coco4j.rego.QueryResult;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.RuleResult;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetBuilder;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import io.coco4j.rego.value.ValueOrder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs Rego conformance cases: OPA's YAML format, regorus' YAML format, and the Kata
 * agent-policy layout (a folder with {@code policy.rego}, {@code inputs.txt} and
 * {@code outputs.json}). Prints one line per failing case and a final
 * {@code N passed, M failed[, K skipped]} line.
 */
public final class ConformanceRunner {
    private static final Pattern LOCATED = Pattern.compile("^(\\S+?):(\\d+): (.*)$", Pattern.DOTALL);

    private final List<Exclusions.Exclusion> exclusions;

    public ConformanceRunner(List<Exclusions.Exclusion> exclusions) {
        this.exclusions = List.copyOf(exclusions);
    }

    /** Totals of a run. */
    public record Summary(int passed, int failed, int skipped, List<CaseOutcome> outcomes) {
        public String line() {
            return passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
    }

    /** Runs every case under the given files or folders, reporting failures to {@code out}. */
    public Summary run(List<Path> roots, PrintStream out) throws IOException {
        List<CaseOutcome> all = new ArrayList<>();
        for (Path root : roots) {
            List<Path> items;
            try (Stream<Path> s = Files.walk(root)) {
                items = s.sorted().toList();
            }
            for (Path p : items) {
                if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("policy.rego")) && Files.isRegularFile(p.resolve("inputs.txt"))) {
                    all.addAll(runKata(p));
                } else if (Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))) {
                    all.addAll(runYamlFile(p));
                }
            }
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (CaseOutcome o : all) {
            switch (o.status()) {
                case PASSED:
                    passed++;
                    break;
                case FAILED:
                    failed++;
                    out.println("FAIL " + o.id() + ": " + o.reason());
                    break;
                default:
                    skipped++;
            }
        }
        Summary s = new Summary(passed, failed, skipped, all);
        out.println(s.line());
        return s;
    }

    // ================================================================ YAML files

    private List<CaseOutcome> runYamlFile(Path file) throws IOException {
        Value doc;
        String path0 = file.toString().replace('\\', '/');
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            doc = YamlValues.read(text, false);
            Value cs = doc instanceof ObjectValue o ? o.get("cases") : null;
            if (cs instanceof ArrayValue ca && isRegorusFormat(path0, ca)) {
                doc = YamlValues.read(text, true);
            }
        } catch (RuntimeException | IOException e) {
            return List.of(CaseOutcome.failed(file.toString(), "cannot read YAML: " + e.getMessage()));
        }
        Value casesV = doc instanceof ObjectValue o ? o.get("cases") : null;
        if (!(casesV instanceof ArrayValue cases)) {
            return List.of();
        }
        String path = file.toString().replace('\\', '/');
        boolean regorus = isRegorusFormat(path, cases);
        List<CaseOutcome> out = new ArrayList<>();
        for (Value cv : cases.asList()) {
            ObjectValue c = (ObjectValue) cv;
            String note = str(c, "note");
            String id = path + " [" + note + "]";
            String excluded = Exclusions.reason(exclusions, path, note);
            if (excluded != null) {
                out.add(CaseOutcome.skipped(id, excluded));
                continue;
            }
            if (c.get("skip") == io.coco4j.rego.value.BooleanValue.TRUE) {
                out.add(CaseOutcome.skipped(id, "skip: true"));
                continue;
            }
            try {
                out.add(regorus ? runRegorusCase(id, path, c) : runOpaCase(id, path, c));
            } catch (RuntimeException | Error e) {
                out.add(CaseOutcome.failed(id, "runner error: " + e));
            }
        }
        return out;
    }

    private static boolean isRegorusFormat(String path, ArrayValue cases) {
        if (path.contains("/regorus/")) {
            return true;
        }
        for (Value cv : cases.asList()) {
            ObjectValue c = (ObjectValue) cv;
            for (String k : List.of("error", "no_result", "want_prints", "strict", "execution_timer", "global_execution_timer")) {
                if (c.containsKey(StringValue.of(k))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String str(ObjectValue o, String key) {
        Value v = o.get(key);
        return v instanceof StringValue s ? s.value() : v == null ? null : Json.write(v);
    }

    private static List<PolicySource> modules(ObjectValue c, String prefix) {
        List<PolicySource> mods = new ArrayList<>();
        Value m = c.get("modules");
        if (m instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                mods.add(new PolicySource(prefix + i + (prefix.startsWith("test") ? ".rego" : ""), ((StringValue) a.get(i)).value()));
            }
        }
        return mods;
    }

    // ---------------------------------------------------------------- OPA format

    private CaseOutcome runOpaCase(String id, String path, ObjectValue c) {
        boolean v0 = path.contains("/v0/");
        boolean strict = c.get("strict_error") == io.coco4j.rego.value.BooleanValue.TRUE;
        RegoEngine engine = RegoEngine.builder().regoVersion(v0 ? RegoVersion.V0 : RegoVersion.V1)
                .compatibility(Compatibility.OPA).strictBuiltinErrors(strict).build();
        String wantCode = str(c, "want_error_code");
        String wantError = str(c, "want_error");
        boolean expectError = wantCode != null || wantError != null;
        List<Map<String, Value>> actual = new ArrayList<>();
        try {
            PreparedPolicy policy = engine.prepare(modules(c, "test-"));
            Value data = c.get("data") == null ? ObjectValue.EMPTY : c.get("data");
            Value input = c.get("input");
            String inputTerm = str(c, "input_term");
            if (inputTerm != null) {
                QueryResult ir = policy.query("__input__ = " + inputTerm, null, data);
                input = ir.isUndefined() ? null : ir.solutions().get(0).bindings().get("__input__");
                if (input == null) {
                    ir = policy.query("x = " + inputTerm, null, data);
                    input = ir.solutions().get(0).bindings().get("x");
                }
            }
            QueryResult r = policy.query(str(c, "query"), input, data);
            for (QueryResult.Solution s : r.solutions()) {
                actual.add(s.bindings());
            }
        } catch (RegoException e) {
            if (!expectError) {
                return CaseOutcome.failed(id, "unexpected error: " + e.getMessage());
            }
            if (wantCode != null && !wantCode.equals(e.code().code())) {
                return CaseOutcome.failed(id, "want error code " + wantCode + ", got " + e.getMessage());
            }
            if (wantError != null && !errorMatches(e, wantError)) {
                return CaseOutcome.failed(id, "want error containing `" + wantError + "`, got " + e.getMessage());
            }
            return CaseOutcome.passed(id);
        }
        if (expectError) {
            return CaseOutcome.failed(id, "want error " + (wantCode == null ? "" : wantCode + " ") + (wantError == null ? "" : wantError)
                    + ", got " + actual.size() + " result(s)");
        }
        Value want = c.get("want_result");
        if (!(want instanceof ArrayValue wantList)) {
            return CaseOutcome.failed(id, "case has neither want_result nor an expected error");
        }
        boolean sort = c.get("sort_bindings") == io.coco4j.rego.value.BooleanValue.TRUE;
        SetBuilder got = new SetBuilder();
        for (Map<String, Value> b : actual) {
            ObjectValue.Builder ob = ObjectValue.builder();
            b.forEach((k, v) -> ob.put(k, normalize(v, sort)));
            got.add(ob.build());
        }
        SetBuilder expected = new SetBuilder();
        for (Value w : wantList.asList()) {
            expected.add(sort ? sortTop(w) : w);
        }
        SetValue g = got.build();
        SetValue e = expected.build();
        if (!g.equals(e)) {
            return CaseOutcome.failed(id, "want " + Json.write(e) + ", got " + Json.write(g));
        }
        return CaseOutcome.passed(id);
    }

    /** Checks an expected error text, allowing OPA's {@code file:line: } prefix against our {@code file:line:col: }. */
    private static boolean errorMatches(RegoException e, String want) {
        String msg = e.getMessage();
        if (msg.contains(want)) {
            return true;
        }
        Matcher m = LOCATED.matcher(want);
        if (m.matches()) {
            for (var err : e.errors()) {
                if (err.location() != null && err.location().file().equals(m.group(1))
                        && Integer.toString(err.location().line()).equals(m.group(2))
                        && (err.code().code() + ": " + err.message()).contains(m.group(3))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** JSON view of a result: sets become arrays in canonical order. */
    private static Value normalize(Value v, boolean sort) {
        switch (v.type()) {
            case SET: {
                SetValue s = (SetValue) v;
                Value[] out = new Value[s.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = normalize(s.get(i), false);
                }
                return ArrayValue.wrap(out);
            }
            case ARRAY: {
                ArrayValue a = (ArrayValue) v;
                Value[] out = new Value[a.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = normalize(a.get(i), false);
                }
                if (sort) {
                    Arrays.sort(out, ValueOrder.COMPARATOR);
                }
                return ArrayValue.wrap(out);
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) v;
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < o.size(); i++) {
                    Value k = o.keyAt(i);
                    b.put(k instanceof StringValue ? k : StringValue.of(Json.write(k)), normalize(o.valueAt(i), false));
                }
                return b.build();
            }
            default:
                return v;
        }
    }

    private static Value sortTop(Value want) {
        if (!(want instanceof ObjectValue o)) {
            return want;
        }
        ObjectValue.Builder b = ObjectValue.builder();
        for (int i = 0; i < o.size(); i++) {
            Value v = o.valueAt(i);
            if (v instanceof ArrayValue a) {
                Value[] xs = a.toArray();
                Arrays.sort(xs, ValueOrder.COMPARATOR);
                v = ArrayValue.wrap(xs);
            }
            b.put(o.keyAt(i), v);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- regorus format

    private CaseOutcome runRegorusCase(String id, String path, ObjectValue c) {
        boolean v1 = path.endsWith("/bindings.yaml");
        Value strictV = c.get("strict");
        boolean strict = strictV == null || strictV == io.coco4j.rego.value.BooleanValue.TRUE;
        Limits limits = regorusLimits(c);
        RegoEngine engine = RegoEngine.builder().regoVersion(v1 ? RegoVersion.V1 : RegoVersion.V0)
                .compatibility(Compatibility.REGORUS).strictBuiltinErrors(strict).limits(limits).build();
        String wantError = str(c, "error");
        boolean noResult = c.get("no_result") == io.coco4j.rego.value.BooleanValue.TRUE;
        List<Value> results = new ArrayList<>();
        List<String> prints = new ArrayList<>();
        try {
            PreparedPolicy policy = engine.prepare(modules(c, "rego_"));
            Value data = c.get("data");
            List<Value> inputs = new ArrayList<>();
            Value in = c.get("input");
            if (in instanceof ObjectValue io && io.size() == 1 && io.get("many!") instanceof ArrayValue many) {
                inputs.addAll(many.asList());
            } else if (in != null) {
                inputs.add(in);
            }
            if (inputs.isEmpty()) {
                inputs.add(null);
            }
            for (Value input : inputs) {
                Evaluation ev = policy.evaluation().input(input).data(data)
                        .prints((loc, msg) -> prints.add(loc.file() + ":" + loc.line() + ": " + msg));
                QueryResult r = ev.query(str(c, "query"));
                pushResults(r, results);
            }
        } catch (RegoException e) {
            if (wantError == null) {
                return CaseOutcome.failed(id, "unexpected error: " + e.getMessage());
            }
            if (!e.getMessage().contains(wantError)) {
                return CaseOutcome.failed(id, "want error containing `" + wantError + "`, got " + e.getMessage());
            }
            return CaseOutcome.passed(id);
        }
        if (wantError != null) {
            return CaseOutcome.failed(id, "want error `" + wantError + "`, got " + results.size() + " result(s)");
        }
        Value want = c.get("want_result");
        if (want == null) {
            return noResult ? CaseOutcome.passed(id) : CaseOutcome.failed(id, "case has no want_result");
        }
        List<Value> expected = new ArrayList<>();
        if (want instanceof ObjectValue wo && wo.size() == 1 && wo.get("many!") instanceof ArrayValue many) {
            for (Value v : many.asList()) {
                expected.add(RegorusValues.decode(v));
            }
        } else {
            expected.add(RegorusValues.decode(want));
        }
        if (expected.size() != results.size()) {
            return CaseOutcome.failed(id, "want " + expected.size() + " result(s) " + render(expected) + ", got "
                    + results.size() + " " + render(results));
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!RegorusValues.equal(expected.get(i), results.get(i))) {
                return CaseOutcome.failed(id, "result " + i + ": want " + RegorusValues.render(expected.get(i)) + ", got "
                        + RegorusValues.render(results.get(i)));
            }
        }
        Value wantPrints = c.get("want_prints");
        if (wantPrints instanceof ArrayValue wp) {
            List<String> wantLines = new ArrayList<>();
            for (Value v : wp.asList()) {
                wantLines.add(((StringValue) v).value());
            }
            if (!wantLines.equals(prints)) {
                return CaseOutcome.failed(id, "want prints " + wantLines + ", got " + prints);
            }
        }
        return CaseOutcome.passed(id);
    }

    private static String render(List<Value> vs) {
        List<String> out = new ArrayList<>();
        for (Value v : vs) {
            out.add(RegorusValues.render(v));
        }
        return out.toString();
    }

    /** The shape regorus' harness gives query results (see the vectors README). */
    private static void pushResults(QueryResult r, List<Value> results) {
        List<QueryResult.Solution> sols = r.solutions();
        if (sols.size() == 1) {
            QueryResult.Solution s = sols.get(0);
            if (!s.bindings().isEmpty()) {
                results.add(bindingsObject(s));
            } else {
                for (Value v : s.expressions()) {
                    results.add(v == null ? RegorusValues.UNDEFINED : v);
                }
            }
            return;
        }
        for (QueryResult.Solution s : sols) {
            if (!s.bindings().isEmpty()) {
                results.add(bindingsObject(s));
            } else {
                List<Value> ex = new ArrayList<>();
                for (Value v : s.expressions()) {
                    ex.add(v == null ? RegorusValues.UNDEFINED : v);
                }
                results.add(ArrayValue.of(ex));
            }
        }
    }

    private static Value bindingsObject(QueryResult.Solution s) {
        ObjectValue.Builder b = ObjectValue.builder();
        s.bindings().forEach(b::put);
        return b.build();
    }

    /** Regorus' execution timer settings, against a fake clock that advances on every read. */
    private static Limits regorusLimits(ObjectValue c) {
        Value engineTimer = c.get("execution_timer");
        Value globalTimer = c.get("global_execution_timer");
        Value timer = engineTimer != null ? engineTimer : globalTimer;
        Limits limits = Limits.DEFAULT;
        if (timer instanceof ObjectValue t && t.get("disable") != io.coco4j.rego.value.BooleanValue.TRUE && t.get("limit_ms") != null) {
            long limitMs = Long.parseLong(t.get("limit_ms").toString());
            int interval = t.get("check_interval") == null ? 1 : Integer.parseInt(t.get("check_interval").toString());
            limits = limits.withTimeLimit(Duration.ofMillis(limitMs)).withCheckInterval(interval);
        }
        Value ts = c.get("time_source");
        if (ts instanceof ObjectValue src) {
            long inc = src.get("default_increment_ms") == null ? 1 : Long.parseLong(src.get("default_increment_ms").toString());
            List<Long> increments = new ArrayList<>();
            if (src.get("increments_ms") instanceof ArrayValue a) {
                for (Value v : a.asList()) {
                    increments.add(Long.parseLong(v.toString()));
                }
            }
            long[] state = {0, 0};
            limits = limits.withClock(() -> {
                if (state[1] == 0) {
                    state[1] = 1;
                    return 0;
                }
                int used = (int) state[1] - 1;
                long step = used < increments.size() ? increments.get(used) : inc;
                state[1]++;
                state[0] += step * 1_000_000L;
                return state[0];
            });
        }
        return limits;
    }

    // ================================================================ Kata agent policies

    private List<CaseOutcome> runKata(Path dir) throws IOException {
        String dirName = dir.toString().replace('\\', '/');
        List<CaseOutcome> out = new ArrayList<>();
        RegoEngine engine = RegoEngine.builder().regoVersion(RegoVersion.V0).compatibility(Compatibility.REGORUS)
                .strictBuiltinErrors(false).build();
        PreparedPolicy policy;
        String text = Files.readString(dir.resolve("policy.rego"), StandardCharsets.UTF_8);
        Value outputs = Json.parse(Files.readString(dir.resolve("outputs.json"), StandardCharsets.UTF_8));
        List<String> lines = kataRequests(Files.readString(dir.resolve("inputs.txt"), StandardCharsets.UTF_8));
        try {
            policy = engine.prepare(new PolicySource(dir.resolve("policy.rego").toString(), text));
        } catch (RegoException e) {
            for (int k = 0; k < lines.size(); k++) {
                out.add(CaseOutcome.failed(dirName + " #" + k, "policy does not compile: " + e.getMessage()));
            }
            return out;
        }
        for (int k = 0; k < lines.size(); k++) {
            String id = dirName + " #" + k;
            try {
                ArrayValue req = (ArrayValue) Json.parse(lines.get(k));
                String name = ((StringValue) req.get(0)).value();
                id += " " + name;
                RuleResult r = policy.evaluation().input(req.get(1)).rule("data.agent_policy." + name);
                Value want = outputs instanceof ArrayValue oa && k < oa.size() ? oa.get(k) : null;
                if (want == null) {
                    out.add(CaseOutcome.failed(id, "no expected output"));
                } else if (!want.equals(r.value())) {
                    out.add(CaseOutcome.failed(id, "want " + Json.write(want) + ", got "
                            + (r.value() == null ? r.outcome().name().toLowerCase() : Json.write(r.value()))));
                } else {
                    out.add(CaseOutcome.passed(id));
                }
            } catch (RuntimeException e) {
                out.add(CaseOutcome.failed(id, "error: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The requests of a Kata {@code inputs.txt}, each as the JSON text {@code [name, request]}. */
    public static List<String> kataRequests(String inputs) {
        List<String> out = new ArrayList<>();
        for (String raw : inputs.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            line = line.replace("\"ep\":", "");
            out.add(line.substring(0, line.length() - 1));
        }
        return out;
    }
}
