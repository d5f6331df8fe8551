package dev.jnas.search;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One labelled decision of a search space: a name and its ordered choices (strings, integers,
 * decimals or booleans), optionally active only {@code when} earlier decisions of the same group take
 * given values (a conjunction: every listed decision must be active and hold one of its listed values).
 *
 * <p>Build with {@link #of} and {@link #when}; a {@link SearchSpace} places decisions in groups and
 * resolves the conditions. A genome stores a decision as the index of its choice.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Decision(String name, List<Object> choices, Map<String, List<Object>> when) {
    public Decision {
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("decision: name must be non-blank without '.', got '" + name + "'");
        }
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("decision '" + name + "': needs at least one choice");
        }
        List<Object> norm = new ArrayList<>();
        for (Object c : choices) {
            Object v = normalize(c, name);
            for (Object seen : norm) {
                if (sameValue(seen, v)) {
                    throw new IllegalArgumentException("decision '" + name + "': duplicate choice " + v);
                }
            }
            norm.add(v);
        }
        choices = List.copyOf(norm);
        Map<String, List<Object>> w = new LinkedHashMap<>();
        if (when != null) {
            for (Map.Entry<String, List<Object>> e : when.entrySet()) {
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    throw new IllegalArgumentException("decision '" + name + "': condition on '" + e.getKey() + "' lists no values");
                }
                List<Object> vals = new ArrayList<>();
                for (Object o : e.getValue()) {
                    vals.add(normalize(o, name));
                }
                w.put(e.getKey(), List.copyOf(vals));
            }
        }
        when = java.util.Collections.unmodifiableMap(w);
    }

    /** A decision without condition. */
    public static Decision of(String name, Object... choices) {
        return new Decision(name, List.of(choices), Map.of());
    }

    /** An integer decision over {@code min..max} inclusive. */
    public static Decision range(String name, int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("decision '" + name + "': range " + min + ".." + max + " is empty");
        }
        List<Object> c = new ArrayList<>();
        for (int i = min; i <= max; i++) {
            c.add(i);
        }
        return new Decision(name, c, Map.of());
    }

    /** This decision, additionally active only when {@code other} holds one of {@code values}. */
    public Decision when(String other, Object... values) {
        Map<String, List<Object>> w = new LinkedHashMap<>(when);
        w.put(other, List.of(values));
        return new Decision(name, choices, w);
    }

    /** Number of choices. */
    public int size() {
        return choices.size();
    }

    /** The choice at {@code index}. */
    public Object value(int index) {
        return choices.get(index);
    }

    /** Index of a choice value (numbers compare by value), or -1. */
    public int indexOf(Object value) {
        for (int i = 0; i < choices.size(); i++) {
            if (sameValue(choices.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    /** True when two choice values are equal; numbers compare numerically (3 equals 3.0). */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a.equals(b);
    }

    private static Object normalize(Object c, String name) {
        if (c instanceof String || c instanceof Boolean || c instanceof Integer || c instanceof Double) {
            return c;
        }
        if (c instanceof Long || c instanceof Short || c instanceof Byte) {
            long v = ((Number) c).longValue();
            if (v == (int) v) {
                return (int) v;
            }
            throw new IllegalArgumentException("decision '" + name + "': integer choice " + v + " out of int range");
        }
        if (c instanceof Float || c instanceof BigDecimal) {
            return ((Number) c).doubleValue();
        }
        throw new IllegalArgumentException("decision '" + name + "': choice must be a string, number or boolean, got "
                + (c == null ? "null" : c.getClass().getSimpleName()));
    }
}
