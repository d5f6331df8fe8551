package dev.jnas.nn.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape inference and validation of an {@link ArchitectureSpec}, done before any tensor is allocated:
 * call {@link #analyze(ArchitectureSpec)} first, build the model only if it returns.
 *
 * <p>Rules. Image tensors are {@code [C,H,W]}, flat ones {@code [F]}. conv2d and the pools need an image
 * input; conv2d uses {@link Padding#outputSize(int, int, int)}, maxpool2d uses no padding (output
 * {@code floor((in-size)/stride)+1}), avgpool2d its own padding p (output {@code floor((in+2p-size)/stride)+1});
 * a window larger than the (padded) input is an error. dense flattens
 * an image input itself; flatten of a flat tensor is a no-op; global_avg_pool turns {@code [C,H,W]} into
 * {@code [C]}; batchnorm, activation, dropout, identity and zero keep the shape. A parallel block feeds its
 * input to every branch; {@code add} needs equal branch shapes, {@code concat} joins images along channels
 * (equal H and W) or flat tensors along features, never a mix. A {@link CellSpec} feeds node {@code i}'s
 * shape to each edge {@code i -> j}; all edges into node {@code j} must give equal shapes, which become
 * node {@code j}'s shape; the cell's output is its last node.
 *
 * <p>Parameters: conv2d {@code K*C*R*S+K}, dense {@code in*units+units}, batchnorm {@code 2*C} (scale and
 * shift; the running mean and variance are not learnable and not counted), all others 0. FLOPs are
 * multiply-adds per example: conv2d {@code K*C*R*S*Hout*Wout}, dense {@code in*units}, all others 0.
 *
 * <p>Paths. The body is {@code body}; the i-th layer of a sequence with path P is {@code P/i/type}; branch
 * j of a parallel with path P is {@code P/branchj}, and its layers are {@code P/branchj/i/type} when the
 * branch is a sequential, else {@code P/branchj/type}. Example: {@code body/2/parallel/branch1/0/conv2d}.
 * Edge {@code i -> j} of a cell with path P is {@code P/edgei-j}, with its layers named like a branch's
 * ({@code body/3/cell/edge1-3/1/conv2d}); the sum forming node j is the row {@code P/nodej} of type
 * {@code sum}, after the rows of its edges. An unequal edge shape is reported at the edge's path.
 */
public final class ArchitectureAnalysis {
    private final List<LayerInfo> rows = new ArrayList<>();

    private ArchitectureAnalysis() {
    }

    /**
     * Infers every layer's shapes, parameters and FLOPs.
     *
     * @throws InvalidArchitectureException naming the first layer (in execution order) that does not fit
     */
    public static Analysis analyze(ArchitectureSpec spec) {
        ArchitectureAnalysis walk = new ArchitectureAnalysis();
        int[] out = walk.sequence(spec.body(), "body", new int[] {spec.channels(), spec.height(), spec.width()});
        long params = 0;
        long flops = 0;
        for (LayerInfo row : walk.rows) {
            params += row.parameters();
            flops += row.flops();
        }
        return new Analysis(walk.rows, out, params, flops);
    }

    /** {@code analyze(spec).summary()}: a Keras-style table of layers and totals. */
    public static String summary(ArchitectureSpec spec) {
        return analyze(spec).summary();
    }

    /** Formats a shape like {@code [32, 14, 14]}. */
    public static String shapeString(int[] shape) {
        return Arrays.toString(shape);
    }

    private int[] sequence(SequentialSpec seq, String prefix, int[] in) {
        int[] shape = in;
        List<LayerSpec> layers = seq.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            shape = layer(layer, prefix + "/" + i + "/" + layer.typeName(), shape);
        }
        return shape;
    }

    private int[] layer(LayerSpec spec, String path, int[] in) {
        // Release 17: no pattern matching for switch, hence instanceof.
        if (spec instanceof SequentialSpec s) {
            return sequence(s, path, in);
        }
        if (spec instanceof ParallelSpec p) {
            return parallel(p, path, in);
        }
        if (spec instanceof CellSpec c) {
            return cell(c, path, in);
        }
        return leaf(spec, path, in);
    }

    /** The op of a branch or edge at {@code prefix}: a sequential's layers go directly under the prefix. */
    private int[] nested(LayerSpec op, String prefix, int[] in) {
        return op instanceof SequentialSpec s ? sequence(s, prefix, in) : layer(op, prefix + "/" + op.typeName(), in);
    }

    private int[] cell(CellSpec c, String path, int[] in) {
        int[][] node = new int[c.nodes()][];
        node[0] = in;
        for (int j = 1; j < c.nodes(); j++) {
            int[] first = null;
            String firstName = null;
            for (CellSpec.Edge e : c.incoming(j)) {
                String edgePath = path + "/" + e.name();
                int[] out = nested(e.op(), edgePath, node[e.from()]);
                if (first == null) {
                    first = out;
                    firstName = e.name();
                } else if (!Arrays.equals(first, out)) {
                    throw new InvalidArchitectureException(edgePath, "cell node " + j + " sums edges of unequal shapes: "
                            + firstName + " gives " + Arrays.toString(first) + " but " + e.name() + " gives "
                            + Arrays.toString(out));
                }
            }
            node[j] = first;
            rows.add(new LayerInfo(path + "/node" + j, "sum", first, first, 0, 0));
        }
        return node[c.nodes() - 1].clone();
    }

    private int[] parallel(ParallelSpec p, String path, int[] in) {
        List<int[]> outs = new ArrayList<>();
        for (int j = 0; j < p.branches().size(); j++) {
            LayerSpec branch = p.branches().get(j);
            outs.add(nested(branch, path + "/branch" + j, in));
        }
        int[] out = Merges.merge(p.merge(), outs, path);
        rows.add(new LayerInfo(path, p.merge().jsonName(), in, out, 0, 0));
        return out;
    }

    private int[] leaf(LayerSpec spec, String path, int[] in) {
        LayerShapes.Result r = LayerShapes.infer(spec, path, in);
        rows.add(new LayerInfo(path, spec.typeName(), in, r.out(), r.parameters(), r.flops()));
        return r.out();
    }
}
