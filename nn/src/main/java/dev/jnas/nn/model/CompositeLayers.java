package dev.jnas.nn.model;

import dev.jnas.nn.optim.Param;
import dev.jnas.nn.spec.ParallelSpec;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.List;
import java.util.Map;

/** Sequential and parallel composition of built layers. */
final class CompositeLayers {
    private CompositeLayers() {
    }

    static final class SequentialLayer extends Layer {
        private final List<Layer> layers;

        SequentialLayer(String path, List<Layer> layers) {
            super(path);
            this.layers = List.copyOf(layers);
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            Var h = x;
            for (int i = 0; i < layers.size(); i++) {
                h = layers.get(i).forward(g, h, training, step);
            }
            return h;
        }

        @Override
        void params(List<Param> out) {
            layers.forEach(l -> l.params(out));
        }

        @Override
        void state(Map<String, Tensor> out) {
            layers.forEach(l -> l.state(out));
        }
    }

    /** Branches on the same input, merged by channel/feature concatenation or by element-wise sum. */
    static final class ParallelLayer extends Layer {
        private final List<Layer> branches;
        private final ParallelSpec.Merge merge;
        private final Var[] outs;

        ParallelLayer(String path, List<Layer> branches, ParallelSpec.Merge merge) {
            super(path);
            this.branches = List.copyOf(branches);
            this.merge = merge;
            this.outs = new Var[branches.size()];
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            for (int i = 0; i < outs.length; i++) {
                outs[i] = branches.get(i).forward(g, x, training, step);
            }
            Var result;
            if (merge == ParallelSpec.Merge.CONCAT) {
                result = g.concat(outs);
            } else {
                result = outs[0];
                for (int i = 1; i < outs.length; i++) {
                    result = g.add(result, outs[i]);
                }
            }
            java.util.Arrays.fill(outs, null);
            return result;
        }

        @Override
        void params(List<Param> out) {
            branches.forEach(l -> l.params(out));
        }

        @Override
        void state(Map<String, Tensor> out) {
            branches.forEach(l -> l.state(out));
        }
    }
}
