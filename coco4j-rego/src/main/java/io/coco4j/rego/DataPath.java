package io.coco4j.rego;

import io.coco4j.rego.ast.Ref;
import io.coco4j.rego.ast.Scalar;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.ast.Var;
import io.coco4j.rego.parse.ParseOptions;
import io.coco4j.rego.parse.Parser;
import io.coco4j.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code data.a.b["c-d"]} into the path below {@code data}. */
final class DataPath {
    private DataPath() {
    }

    static List<String> parse(String ref) {
        Term t = Parser.parseTerm("rule", ref, ParseOptions.V1);
        List<String> path = new ArrayList<>();
        if (t instanceof Var v && v.name().equals("data")) {
            return path;
        }
        if (!(t instanceof Ref r) || !(r.head() instanceof Var v) || !v.name().equals("data")) {
            throw new RegoException(ErrorCode.INVALID_ARGUMENT, null, "not a reference under data: " + ref);
        }
        for (Term o : r.operands()) {
            if (!(o instanceof Scalar s) || !(s.value() instanceof StringValue str)) {
                throw new RegoException(ErrorCode.INVALID_ARGUMENT, null, "rule reference must be a constant path: " + ref);
            }
            path.add(str.value());
        }
        return path;
    }
}
