package dev.jnas.nn.spec.nb201;

import dev.jnas.nn.spec.CellSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAS-Bench-201 cell: 4 nodes, 6 edges, each edge one of the 5 {@link Nb201Op}s, so 5^6 = 15,625 cells.
 * {@code ops} is in the benchmark's edge order: 0->1, 0->2, 1->2, 0->3, 1->3, 2->3 (edges grouped by
 * target node, then by source), the order of its architecture strings.
 *
 * <p>Use: {@link #parse(String)} an architecture string such as
 * {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|}
 * (or enumerate with {@link #fromIndex(int)} / {@link #all()}), then {@link #toCellSpec(int)} for one cell or
 * {@link Nb201Network#architecture(Nb201Cell)} for the benchmark's whole network. {@link #toString()}
 * prints the exact architecture string back.
 *
 * <p>{@link #index()} is this library's enumeration (edge {@code k}'s op ordinal is base-5 digit {@code k},
 * edge 0 least significant), a bijection with {@code 0..15624}; it is not the benchmark's own architecture
 * index, which follows the order of the benchmark's data file; join tables on the architecture string.
 */
public record Nb201Cell(List<Nb201Op> ops) {
    /** Nodes of the cell, node 0 being the input and node 3 the output. */
    public static final int NODES = 4;
    /** Edges of the cell. */
    public static final int EDGES = 6;
    /** Number of distinct cells, 5^6. */
    public static final int SIZE = 15_625;

    private static final int[] FROM = {0, 0, 1, 0, 1, 2};
    private static final int[] TO = {1, 2, 2, 3, 3, 3};

    public Nb201Cell {
        if (ops == null || ops.size() != EDGES) {
            throw new IllegalArgumentException("nb201 cell: needs exactly " + EDGES + " ops, got "
                    + (ops == null ? "null" : ops.size()));
        }
        ops = List.copyOf(ops);
    }

    /** The cell with these six ops in benchmark edge order. */
    public static Nb201Cell of(Nb201Op... ops) {
        return new Nb201Cell(List.of(ops));
    }

    /** Source node of edge {@code k} (0..5). */
    public static int from(int edge) {
        return FROM[edge];
    }

    /** Target node of edge {@code k} (0..5). */
    public static int to(int edge) {
        return TO[edge];
    }

    /** The op on edge {@code from -> to}. */
    public Nb201Op op(int from, int to) {
        for (int k = 0; k < EDGES; k++) {
            if (FROM[k] == from && TO[k] == to) {
                return ops.get(k);
            }
        }
        throw new IllegalArgumentException("nb201 cell: no edge " + from + "->" + to + "; edges go from i to j with 0 <= i < j <= 3");
    }

    /** Parses the benchmark's architecture-string notation; see {@link Nb201Strings}. */
    public static Nb201Cell parse(String text) {
        return new Nb201Cell(Nb201Strings.parse(text));
    }

    /** The cell with this {@link #index()}, for {@code 0 <= index < 15625}. */
    public static Nb201Cell fromIndex(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IllegalArgumentException("nb201 cell: index must be in 0.." + (SIZE - 1) + ", got " + index);
        }
        Nb201Op[] all = Nb201Op.values();
        List<Nb201Op> ops = new ArrayList<>(EDGES);
        int rest = index;
        for (int k = 0; k < EDGES; k++) {
            ops.add(all[rest % all.length]);
            rest /= all.length;
        }
        return new Nb201Cell(ops);
    }

    /** All 15,625 cells, by increasing {@link #index()}. */
    public static List<Nb201Cell> all() {
        List<Nb201Cell> cells = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            cells.add(fromIndex(i));
        }
        return cells;
    }

    /** Base-5 number of the op ordinals, edge 0 the least significant digit. */
    public int index() {
        int index = 0;
        for (int k = EDGES - 1; k >= 0; k--) {
            index = index * Nb201Op.values().length + ops.get(k).ordinal();
        }
        return index;
    }

    /** The cell as a {@link CellSpec} on a {@code channels}-channel feature map (which it keeps). */
    public CellSpec toCellSpec(int channels) {
        List<CellSpec.Edge> edges = new ArrayList<>(EDGES);
        for (int k = 0; k < EDGES; k++) {
            edges.add(new CellSpec.Edge(FROM[k], TO[k], ops.get(k).toLayerSpec(channels)));
        }
        return new CellSpec(NODES, edges);
    }

    /** The architecture string, e.g. {@code |none~0|+|skip_connect~0|none~1|+|...~0|...~1|...~2|}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < EDGES; k++) {
            if (k > 0 && FROM[k] == 0) {
                sb.append('+');
            }
            if (FROM[k] == 0) {
                sb.append('|');
            }
            sb.append(ops.get(k).benchmarkName()).append('~').append(FROM[k]).append('|');
        }
        return sb.toString();
    }
}
