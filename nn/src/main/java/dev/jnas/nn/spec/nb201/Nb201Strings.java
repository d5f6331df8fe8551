package dev.jnas.nn.spec.nb201;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser of the NAS-Bench-201 architecture-string notation. Grammar (no spaces anywhere):
 * {@code cell = group "+" group "+" group}; group {@code j} (j = 1, 2, 3, the target node) is
 * {@code "|" entry "|" ... entry "|"} with j entries; entry {@code i} (0-based) is {@code op "~" i}, where op is
 * an {@link Nb201Op#benchmarkName()}. So sources appear in increasing order, each exactly once, as the
 * benchmark writes them. Every deviation is a {@link Nb201FormatException} with its position.
 */
final class Nb201Strings {
    private final String text;
    private int pos;

    private Nb201Strings(String text) {
        this.text = text;
    }

    static List<Nb201Op> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("NAS-Bench-201 architecture string must not be null");
        }
        return new Nb201Strings(text).cell();
    }

    private List<Nb201Op> cell() {
        List<Nb201Op> ops = new ArrayList<>(Nb201Cell.EDGES);
        for (int node = 1; node < Nb201Cell.NODES; node++) {
            if (node > 1) {
                expect('+', "between the groups of node " + (node - 1) + " and node " + node);
            }
            expect('|', "opening the group of node " + node);
            for (int source = 0; source < node; source++) {
                ops.add(entry(node, source));
                expect('|', "after input " + source + " of node " + node);
            }
        }
        if (pos != text.length()) {
            throw error(pos, "unexpected text after the group of node 3: '" + text.charAt(pos) + "'");
        }
        return ops;
    }

    private Nb201Op entry(int node, int source) {
        int start = pos;
        while (pos < text.length() && "~|+".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String name = text.substring(start, pos);
        Nb201Op op = Nb201Op.byName(name);
        if (op == null) {
            String what = !name.isEmpty() ? "unknown operation '" + name + "'"
                    : start == text.length() ? "string ends early; missing operation" : "missing operation";
            throw error(start, what
                    + " for input " + source + " of node " + node
                    + "; expected one of none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3");
        }
        expect('~', "after the operation name");
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - digits < 9) {
            pos++;
        }
        if (pos == digits) {
            throw error(pos, "expected the source node number " + source + after());
        }
        // Compared as text so that "00" or "+0" cannot sneak in and break the exact round trip.
        if (!text.substring(digits, pos).equals(Integer.toString(source))
                || (pos < text.length() && Character.isDigit(text.charAt(pos)))) {
            throw error(digits, "input " + source + " of node " + node + " must come from node " + source
                    + " (sources in increasing order, each once), got " + text.substring(digits, pos));
        }
        return op;
    }

    private void expect(char c, String where) {
        if (pos >= text.length()) {
            throw error(pos, "string ends early; expected '" + c + "' " + where);
        }
        if (text.charAt(pos) != c) {
            throw error(pos, "expected '" + c + "' " + where + ", got '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private String after() {
        return pos < text.length() ? ", got '" + text.charAt(pos) + "'" : ", but the string ends";
    }

    private Nb201FormatException error(int at, String detail) {
        return new Nb201FormatException(text, at, detail);
    }
}
