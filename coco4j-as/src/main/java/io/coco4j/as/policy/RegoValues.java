package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The few Rego value semantics the built-in policies rely on, so they decide exactly as their Rego
 * originals would. Java {@code null} stands for Rego's "undefined" (a missing member); JSON null is a value.
 */
final class RegoValues {

    private RegoValues() {
    }

    /** A member of an object, or undefined. */
    static JsonNode member(JsonNode node, String name) {
        return node != null && node.isObject() ? node.get(name) : null;
    }

    /** A reference {@code a.b.c}: undefined as soon as one step is. */
    static JsonNode path(JsonNode node, String... names) {
        JsonNode current = node;
        for (String name : names) {
            current = member(current, name);
        }
        return current;
    }

    /** An expression used as a condition holds unless it is undefined or {@code false}. */
    static boolean holds(JsonNode value) {
        return value != null && !(value.isBoolean() && !value.booleanValue());
    }

    /** {@code x in coll}: membership among an array's elements or an object's values; false for anything else. */
    static boolean in(JsonNode value, JsonNode collection) {
        if (value == null || collection == null || !(collection.isArray() || collection.isObject())) {
            return false;
        }
        for (JsonNode element : collection) {
            if (equal(value, element)) {
                return true;
            }
        }
        return false;
    }

    /** {@code coll[_]}: the elements of an array or the values of an object; nothing for scalars or undefined. */
    static List<JsonNode> each(JsonNode collection) {
        List<JsonNode> out = new ArrayList<>();
        if (collection != null && (collection.isArray() || collection.isObject())) {
            collection.forEach(out::add);
        }
        return out;
    }

    /** {@code a == b}: structural equality where numbers compare by value (1 == 1.0); undefined is never equal. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        return compare(a, b) == 0;
    }

    /** {@code a >= b}; undefined on either side fails. */
    static boolean greaterOrEqual(JsonNode a, JsonNode b) {
        return a != null && b != null && compare(a, b) >= 0;
    }

    /**
     * Rego's total order: null < booleans < numbers < strings < arrays < objects, then by value
     * within a type (arrays element-wise, objects by sorted keys then values).
     */
    static int compare(JsonNode a, JsonNode b) {
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        switch (rankA) {
            case 0:
                return 0;
            case 1:
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            case 2:
                return number(a).compareTo(number(b));
            case 3:
                return a.textValue().compareTo(b.textValue());
            case 4: {
                int n = Math.min(a.size(), b.size());
                for (int i = 0; i < n; i++) {
                    int c = compare(a.get(i), b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.size(), b.size());
            }
            default: {
                List<String> keysA = sortedKeys(a);
                List<String> keysB = sortedKeys(b);
                int n = Math.min(keysA.size(), keysB.size());
                for (int i = 0; i < n; i++) {
                    int c = keysA.get(i).compareTo(keysB.get(i));
                    if (c != 0) {
                        return c;
                    }
                    c = compare(a.get(keysA.get(i)), b.get(keysB.get(i)));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(keysA.size(), keysB.size());
            }
        }
    }

    private static int rank(JsonNode node) {
        if (node.isNull()) {
            return 0;
        }
        if (node.isBoolean()) {
            return 1;
        }
        if (node.isNumber()) {
            return 2;
        }
        if (node.isTextual()) {
            return 3;
        }
        if (node.isArray()) {
            return 4;
        }
        return 5;
    }

    private static BigDecimal number(JsonNode node) {
        return node.decimalValue();
    }

    private static List<String> sortedKeys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            keys.add(it.next().getKey());
        }
        keys.sort(null);
        return keys;
    }
}
