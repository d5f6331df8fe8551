package dev.jnas.nn.model;

import dev.jnas.nn.optim.Param;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.List;
import java.util.Map;

/**
 * A {@link dev.jnas.nn.spec.CellSpec}: node 0 is the input, node j the sum of its incoming edges' ops
 * applied to their source nodes, the output the last node. Zero edges were dropped at build time; a node
 * with no remaining edge is all zeros, kept as {@code null} and materialised as a zero tensor (of the
 * analysed node shape) only if a later edge or the output reads it.
 */
final class CellLayer extends Layer {
    /** A non-zero edge: its source node and its op. */
    record EdgeLayer(int from, Layer op) {
    }

    private final List<List<EdgeLayer>> incoming;
    private final List<int[]> nodeShapes;
    private final Var[] nodes;

    CellLayer(String path, List<List<EdgeLayer>> incoming, List<int[]> nodeShapes) {
        super(path);
        this.incoming = List.copyOf(incoming);
        this.nodeShapes = List.copyOf(nodeShapes);
        this.nodes = new Var[incoming.size()];
    }

    @Override
    Var forward(Graph g, Var x, boolean training, long step) {
        nodes[0] = x;
        int batch = x.value().dim(0);
        for (int j = 1; j < nodes.length; j++) {
            Var sum = null;
            for (EdgeLayer e : incoming.get(j)) {
                Var in = nodes[e.from()] != null ? nodes[e.from()] : zeros(g, batch, e.from());
                Var out = e.op().forward(g, in, training, step);
                sum = sum == null ? out : g.add(sum, out);
            }
            nodes[j] = sum;
        }
        Var out = nodes[nodes.length - 1] != null ? nodes[nodes.length - 1] : zeros(g, batch, nodes.length - 1);
        java.util.Arrays.fill(nodes, null);
        return out;
    }

    private Var zeros(Graph g, int batch, int node) {
        int[] s = nodeShapes.get(node);
        int[] shape = new int[s.length + 1];
        shape[0] = batch;
        System.arraycopy(s, 0, shape, 1, s.length);
        return SimpleLayers.zeros(g, shape);
    }

    @Override
    void params(List<Param> out) {
        for (List<EdgeLayer> edges : incoming) {
            edges.forEach(e -> e.op().params(out));
        }
    }

    @Override
    void state(Map<String, Tensor> out) {
        for (List<EdgeLayer> edges : incoming) {
            edges.forEach(e -> e.op().state(out));
        }
    }
}
