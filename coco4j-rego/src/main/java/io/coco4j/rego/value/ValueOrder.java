package io.coco4j.rego.value;

import java.util.Comparator;

/** Rego's total order over values: by type first ({@link ValueType}), then within the type. */
public final class ValueOrder {
    public static final Comparator<Value> COMPARATOR = ValueOrder::compare;
    /** regorus' order, which puts sets before objects; used by its comparison operators. */
    public static final Comparator<Value> SETS_BEFORE_OBJECTS = (a, b) -> compare(a, b, true);

    private ValueOrder() {
    }

    public static int compare(Value a, Value b) {
        return compare(a, b, false);
    }

    private static int rank(ValueType t, boolean setsFirst) {
        if (setsFirst && t == ValueType.SET) {
            return ValueType.OBJECT.ordinal();
        }
        if (setsFirst && t == ValueType.OBJECT) {
            return ValueType.SET.ordinal();
        }
        return t.ordinal();
    }

    public static int compare(Value a, Value b, boolean setsFirst) {
        if (a == b) {
            return 0;
        }
        ValueType ta = a.type();
        ValueType tb = b.type();
        if (ta != tb) {
            return Integer.compare(rank(ta, setsFirst), rank(tb, setsFirst));
        }
        switch (ta) {
            case NULL:
                return 0;
            case BOOLEAN:
                return Boolean.compare(((BooleanValue) a).value(), ((BooleanValue) b).value());
            case NUMBER:
                return ((NumberValue) a).compareNumber((NumberValue) b);
            case STRING:
                return StringValue.compareCodePoints(((StringValue) a).value(), ((StringValue) b).value());
            case ARRAY: {
                ArrayValue x = (ArrayValue) a;
                ArrayValue y = (ArrayValue) b;
                int n = Math.min(x.size(), y.size());
                for (int i = 0; i < n; i++) {
                    int c = compare(x.get(i), y.get(i), setsFirst);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x.size(), y.size());
            }
            case OBJECT: {
                ObjectValue x = (ObjectValue) a;
                ObjectValue y = (ObjectValue) b;
                int n = Math.min(x.size(), y.size());
                for (int i = 0; i < n; i++) {
                    int c = compare(x.keyAt(i), y.keyAt(i), setsFirst);
                    if (c != 0) {
                        return c;
                    }
                    c = compare(x.valueAt(i), y.valueAt(i), setsFirst);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x.size(), y.size());
            }
            case SET: {
                SetValue x = (SetValue) a;
                SetValue y = (SetValue) b;
                int n = Math.min(x.size(), y.size());
                for (int i = 0; i < n; i++) {
                    int c = compare(x.get(i), y.get(i), setsFirst);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x.size(), y.size());
            }
            default:
                throw new IllegalStateException(ta.name());
        }
    }
}
