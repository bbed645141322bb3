package io.coco4j.rego.eval;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.Value;

/** Wording of evaluation errors, following the engine the compatibility mode mirrors. */
final class Messages {
    private final Compatibility mode;

    Messages(Compatibility mode) {
        this.mode = mode;
    }

    String completeConflict(String path) {
        return "rule " + path + " produced conflicting values (complete rules must not produce multiple outputs)";
    }

    String functionConflict(String path) {
        if (mode == Compatibility.REGORUS) {
            return "functions must not produce multiple outputs for same inputs (function " + path + ")";
        }
        return "function " + path + " produced conflicting values for the same inputs";
    }

    String objectKeyConflict(String path, Value key, Value a, Value b) {
        if (mode == Compatibility.REGORUS) {
            return "value for key `" + Json.write(key) + "` generated multiple times: `" + Json.write(a) + "` and `"
                    + Json.write(b) + "`";
        }
        return "object keys must be unique: rule " + path + " produced conflicting values for key " + Json.write(key);
    }

    String recursion(String path) {
        return "recursion detected: rule " + path + " depends on itself";
    }

    String timeLimit(long ms) {
        return "execution exceeded time limit of " + ms + " ms";
    }

    String stepLimit(long steps) {
        return "evaluation exceeded the limit of " + steps + " steps";
    }

    String depthLimit(int depth) {
        return "evaluation exceeded the maximum nesting depth of " + depth;
    }

    String someInNotCollection() {
        return "`some .. in collection` expects array/set/object.";
    }
}
