package dev.jnas.nn.model;

import dev.jnas.nn.model.CompositeLayers.ParallelLayer;
import dev.jnas.nn.model.CompositeLayers.SequentialLayer;
import dev.jnas.nn.model.SimpleLayers.ActivationLayer;
import dev.jnas.nn.model.SimpleLayers.DropoutLayer;
import dev.jnas.nn.model.SimpleLayers.FlattenLayer;
import dev.jnas.nn.model.SimpleLayers.IdentityLayer;
import dev.jnas.nn.model.SimpleLayers.PoolLayer;
import dev.jnas.nn.spec.Activation;
import dev.jnas.nn.spec.ActivationSpec;
import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.AvgPool2dSpec;
import dev.jnas.nn.spec.BatchNormSpec;
import dev.jnas.nn.spec.CellSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.DenseSpec;
import dev.jnas.nn.spec.DropoutSpec;
import dev.jnas.nn.spec.FlattenSpec;
import dev.jnas.nn.spec.GlobalAvgPoolSpec;
import dev.jnas.nn.spec.IdentitySpec;
import dev.jnas.nn.spec.LayerInfo;
import dev.jnas.nn.spec.LayerSpec;
import dev.jnas.nn.spec.MaxPool2dSpec;
import dev.jnas.nn.spec.ParallelSpec;
import dev.jnas.nn.spec.SequentialSpec;
import dev.jnas.nn.spec.ZeroSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns an analysed spec into {@link Layer}s, walking the spec with the same path grammar as
 * {@link dev.jnas.nn.spec.ArchitectureAnalysis} so that each leaf finds its inferred input shape by path.
 * Each parameterised layer draws its initial weights from its own {@code rng.split()} in execution order.
 */
final class ModelBuilder {
    private final Map<String, int[]> inputShapes = new HashMap<>();
    private final Map<String, int[]> outputShapes = new HashMap<>();
    private final SplittableRandom rng;
    private final long seed;
    private int dropoutIndex;

    private ModelBuilder(Analysis analysis, long seed) {
        for (LayerInfo row : analysis.layers()) {
            inputShapes.putIfAbsent(row.path(), row.inputShape());
            outputShapes.putIfAbsent(row.path(), row.outputShape());
        }
        this.rng = new SplittableRandom(seed);
        this.seed = seed;
    }

    static SequentialLayer build(SequentialSpec body, Analysis analysis, long seed) {
        return new ModelBuilder(analysis, seed).sequence(body, "body");
    }

    private SequentialLayer sequence(SequentialSpec seq, String prefix) {
        List<LayerSpec> specs = seq.layers();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            layers.add(layer(s, prefix + "/" + i + "/" + s.typeName(), feedsRelu(specs, i)));
        }
        return new SequentialLayer(prefix, layers);
    }

    private Layer parallel(ParallelSpec p, String path) {
        List<Layer> branches = new ArrayList<>();
        for (int j = 0; j < p.branches().size(); j++) {
            LayerSpec b = p.branches().get(j);
            String prefix = path + "/branch" + j;
            branches.add(nested(b, prefix));
        }
        return new ParallelLayer(path, branches, p.merge());
    }

    /** A branch's or edge's op at {@code prefix}: a sequential's layers go directly under the prefix. */
    private Layer nested(LayerSpec op, String prefix) {
        return op instanceof SequentialSpec s ? sequence(s, prefix) : layer(op, prefix + "/" + op.typeName(), false);
    }

    private Layer cell(CellSpec c, String path) {
        List<List<CellLayer.EdgeLayer>> in = new ArrayList<>();
        List<int[]> nodeShapes = new ArrayList<>();
        in.add(List.of());
        nodeShapes.add(new int[0]); // node 0 is the input itself, never materialised
        for (int j = 1; j < c.nodes(); j++) {
            List<CellLayer.EdgeLayer> edges = new ArrayList<>();
            for (CellSpec.Edge e : c.incoming(j)) {
                if (!(e.op() instanceof ZeroSpec)) {
                    edges.add(new CellLayer.EdgeLayer(e.from(), nested(e.op(), path + "/" + e.name())));
                }
            }
            in.add(edges);
            int[] shape = outputShapes.get(path + "/node" + j);
            if (shape == null) {
                throw new IllegalStateException("model: no inferred shape for " + path + "/node" + j);
            }
            nodeShapes.add(shape);
        }
        return new CellLayer(path, in, nodeShapes);
    }

    /** The exhaustive dispatch over the sealed {@link LayerSpec} hierarchy (release 17: no pattern switch). */
    private Layer layer(LayerSpec spec, String path, boolean he) {
        if (spec instanceof SequentialSpec s) {
            return sequence(s, path);
        } else if (spec instanceof ParallelSpec p) {
            return parallel(p, path);
        } else if (spec instanceof CellSpec c) {
            return cell(c, path);
        } else if (spec instanceof ZeroSpec) {
            return new SimpleLayers.ZeroLayer(path);
        } else if (spec instanceof Conv2dSpec c) {
            return new Conv2dLayer(path, c, in(path)[0], he, rng.split());
        } else if (spec instanceof DenseSpec d) {
            int features = 1;
            for (int v : in(path)) {
                features *= v;
            }
            return new DenseLayer(path, features, d.units(), he, rng.split());
        } else if (spec instanceof MaxPool2dSpec m) {
            return new PoolLayer(path, PoolLayer.Kind.MAX, m.size(), m.stride(), 0);
        } else if (spec instanceof AvgPool2dSpec a) {
            return new PoolLayer(path, PoolLayer.Kind.AVG, a.size(), a.stride(), a.padding());
        } else if (spec instanceof GlobalAvgPoolSpec) {
            return new PoolLayer(path, PoolLayer.Kind.GLOBAL_AVG, 0, 0, 0);
        } else if (spec instanceof ActivationSpec a) {
            return new ActivationLayer(path, a.function());
        } else if (spec instanceof BatchNormSpec) {
            return new BatchNormLayer(path, in(path)[0]);
        } else if (spec instanceof DropoutSpec d) {
            return new DropoutLayer(path, d.rate(), seed, dropoutIndex++);
        } else if (spec instanceof FlattenSpec) {
            return new FlattenLayer(path);
        } else if (spec instanceof IdentitySpec) {
            return new IdentityLayer(path);
        }
        throw new IllegalArgumentException("model: unsupported layer type '" + spec.typeName() + "' at " + path);
    }

    private int[] in(String path) {
        int[] s = inputShapes.get(path);
        if (s == null) {
            throw new IllegalStateException("model: no inferred input shape for " + path);
        }
        return s;
    }

    /** True if the output of specs[i] reaches a relu-family activation through shape-preserving layers only. */
    private static boolean feedsRelu(List<LayerSpec> specs, int i) {
        for (int j = i + 1; j < specs.size(); j++) {
            LayerSpec next = specs.get(j);
            if (next instanceof ActivationSpec a) {
                Activation f = a.function();
                return f == Activation.RELU || f == Activation.LEAKY_RELU || f == Activation.GELU;
            }
            if (!(next instanceof BatchNormSpec || next instanceof DropoutSpec || next instanceof IdentitySpec)) {
                return false;
            }
        }
        return false;
    }
}
