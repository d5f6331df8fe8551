package dev.jnas.nn.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A cell: a small directed acyclic graph of {@code nodes} feature maps, the building block of cell-based
 * search spaces (NAS-Bench-201, DARTS, ENAS). Node 0 is the cell's input; every node {@code j > 0} is the
 * element-wise <em>sum</em> of its incoming edges {@code i -> j} ({@code i < j}), each edge applying its
 * operation {@link Edge#op()} (any {@link LayerSpec}, e.g. a ReLU-conv-BN {@link SequentialSpec}, an
 * {@link IdentitySpec} or a {@link ZeroSpec}) to node {@code i}. The cell's output is the last node.
 *
 * <p>Call order: build the cell (the constructor checks the graph: at least two nodes, edges in range with
 * {@code from < to}, no duplicate edge, every node after 0 reached by at least one edge), put it in an
 * {@link ArchitectureSpec}, then {@link ArchitectureAnalysis#analyze} checks the shapes (all edges into a
 * node must produce equal shapes). Model builders evaluate nodes {@code 1..nodes-1} in order, summing
 * {@link #incoming(int)}; a node whose every incoming edge is a {@link ZeroSpec} is all zeros
 * ({@link #isZeroNode(int)}), so its sum may be skipped.
 *
 * <p>Edges are kept sorted by target node, then source node, so two cells with the same edges are equal
 * whatever order the edges were listed in. Paths in analysis rows and errors: edge {@code i -> j} of the
 * cell at path {@code P} is {@code P/edgei-j} (e.g. {@code body/3/cell/edge1-3/1/conv2d}), the sum
 * forming node {@code j} is the row {@code P/nodej} of type {@code sum}.
 */
public record CellSpec(int nodes, List<Edge> edges) implements LayerSpec {
    /** Operation {@code op} applied to node {@code from}, added into node {@code to}. */
    public record Edge(int from, int to, LayerSpec op) {
        public Edge {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("cell: edge " + from + "->" + to + " must satisfy 0 <= from < to");
            }
            if (op == null) {
                throw new IllegalArgumentException("cell: edge " + from + "->" + to + " has no op");
            }
        }

        /** The path segment of this edge, {@code edgei-j}. */
        public String name() {
            return "edge" + from + "-" + to;
        }
    }

    public CellSpec {
        if (nodes < 2) {
            throw new IllegalArgumentException("cell: needs at least 2 nodes (input and output), got " + nodes);
        }
        if (edges == null) {
            throw new IllegalArgumentException("cell: edges must not be null");
        }
        if (edges.size() < nodes - 1) {
            throw new IllegalArgumentException("cell: " + nodes + " nodes need at least " + (nodes - 1)
                    + " edges (one into each node after 0), got " + edges.size());
        }
        List<Edge> sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparingInt(Edge::to).thenComparingInt(Edge::from));
        boolean[] reached = new boolean[nodes];
        for (int k = 0; k < sorted.size(); k++) {
            Edge e = sorted.get(k);
            if (e == null) {
                throw new IllegalArgumentException("cell: edge must not be null");
            }
            if (e.to() >= nodes) {
                throw new IllegalArgumentException("cell: edge " + e.from() + "->" + e.to() + " targets node " + e.to()
                        + " but the cell has nodes 0.." + (nodes - 1));
            }
            if (k > 0 && sorted.get(k - 1).to() == e.to() && sorted.get(k - 1).from() == e.from()) {
                throw new IllegalArgumentException("cell: duplicate edge " + e.from() + "->" + e.to());
            }
            reached[e.to()] = true;
        }
        for (int j = 1; j < nodes; j++) {
            if (!reached[j]) {
                throw new IllegalArgumentException("cell: node " + j + " has no incoming edge");
            }
        }
        edges = List.copyOf(sorted);
    }

    /** The edges into {@code node}, by increasing source node. */
    public List<Edge> incoming(int node) {
        checkNode(node);
        List<Edge> in = new ArrayList<>();
        for (Edge e : edges) {
            if (e.to() == node) {
                in.add(e);
            }
        }
        return in;
    }

    /** Whether {@code node} (> 0) is all zeros because every edge into it is a {@link ZeroSpec}. */
    public boolean isZeroNode(int node) {
        checkNode(node);
        if (node == 0) {
            return false;
        }
        for (Edge e : incoming(node)) {
            if (!(e.op() instanceof ZeroSpec)) {
                return false;
            }
        }
        return true;
    }

    private void checkNode(int node) {
        if (node < 0 || node >= nodes) {
            throw new IllegalArgumentException("cell: node " + node + " out of range 0.." + (nodes - 1));
        }
    }

    @Override
    public String typeName() {
        return "cell";
    }
}
